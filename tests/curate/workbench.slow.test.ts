import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadWorkbenchInputs, runRecipe } from '../../src/curate/recipes/index.js';
import { uncuratedRecipe } from '../../src/curate/recipes/uncurated.js';
import { workbenchRecipe } from '../../src/curate/recipes/workbench.js';
import { writeMix } from '../../src/curate/writeMix.js';
import { command } from '../../src/cli/curate.js';
import { parseArgs } from '../../src/cli/args.js';
import { locateSource } from '../../src/data/sources.js';

const haveData = (() => {
  try {
    return locateSource('alpacaeval-bon-0') !== undefined;
  } catch {
    return false;
  }
})();

test(
  'workbench recipe on the real offline sources: same seed gives the same sha256, held-out and benchmark ' +
    'prompts kept out, CLI gives the same sha256',
  { skip: !haveData && 'offline data mirror not found' },
  async () => {
    const inputs = await loadWorkbenchInputs();
    const dir = mkdtempSync(join(tmpdir(), 'rmw-curate-'));
    try {
      const a = await workbenchRecipe(inputs, { seed: 5 });
      const wa = writeMix(join(dir, 'a'), a);
      assert.match(wa.sha256, /^[0-9a-f]{64}$/);
      // every role is present; the capped sources hit their targets
      for (const s of [
        'alpacaeval-bon',
        'ultrafeedback',
        'gsm8k',
        'hh-helpful',
        'pandalm',
        'llmbar-processed',
        'hh-harmless',
      ]) {
        assert.ok((a.composition.after[s] ?? 0) > 0, s);
      }
      assert.equal(a.composition.after['hh-helpful'], 800);
      assert.equal(a.composition.after['hh-harmless'], 600);
      // no training prompt is held out, and held-out prompts never appear in training
      const trainPrompts = new Set(a.train.map((p) => JSON.stringify(p.prompt)));
      assert.ok(a.heldOut.length > 0);
      for (const h of a.heldOut) assert.ok(!trainPrompts.has(JSON.stringify(h.prompt)));
      // decontamination removed AlpacaEval prompts that RM-Bench chat holds (the v0.1 -> v0.2 story)
      assert.ok((a.decontamination.removedBySource['alpacaeval-bon'] ?? 0) > 0);
      assert.ok((a.decontamination.removedByBenchmark['rmbench'] ?? 0) > 0);
      // the CLI (a second, independent run: it loads the files again): same recipe and seed -> the same sha256
      const res = (await command.run(
        parseArgs(['workbench', '--out', join(dir, 'cli'), '--seed', '5', '--formats', 'parquet,jsonl', '--json']),
      )) as {
        sha256: string;
        total: number;
        composition: unknown;
        files: Record<string, string>;
      };
      // --formats adds JSONL copies beside the Parquet files; the Parquet bytes are the same either way
      assert.deepEqual(
        Object.keys(res.files).filter((f) => /^(train|heldout)\./.test(f)),
        ['train.parquet', 'heldout.parquet', 'train.jsonl', 'heldout.jsonl'],
      );
      await assert.rejects(
        command.run(parseArgs(['workbench', '--out', join(dir, 'none'), '--formats', 'jsonl'])),
        /must include parquet/,
      );
      assert.equal(res.sha256, wa.sha256);
      assert.equal(res.total, a.train.length);
      const card = JSON.parse(readFileSync(join(dir, 'a', 'datacard.json'), 'utf8'));
      assert.equal(card.files['train.parquet'], wa.sha256);
      assert.match(readFileSync(join(dir, 'a', 'datacard.md'), 'utf8'), /## Composition \(before and after curation\)/);
      // uncurated: all pairs of AlpacaEval samples, nothing decontaminated
      const u = uncuratedRecipe(inputs, { seed: 5 });
      assert.ok(u.composition.before['alpacaeval-bon'] > 40000);
      assert.equal(u.decontamination.applied, false);
      await assert.rejects(runRecipe('skywork-80k-v0.1', { inputs }), /Hugging Face sources/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
