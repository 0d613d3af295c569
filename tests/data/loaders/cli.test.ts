// `rmw data list|load`: the fields the issue names (read, kept, quarantined by reason; id, role, present, sha256).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { command } from '../../../src/cli/data.js';
import { parseArgs } from '../../../src/cli/args.js';

test('rmw data load <id> reports read, kept and quarantined by reason', async () => {
  const r = (await command.run(parseArgs(['load', 'llmbar-processed-llmeval2', '--json']))) as Record<string, unknown>;
  assert.equal(r.read, 200);
  assert.equal(r.kept, 198);
  assert.deepEqual(r.quarantined, { 'chosen equals rejected': 1, 'empty-string': 1 });
  await assert.rejects(command.run(parseArgs(['load', 'nope'])), /unknown source "nope"/);
});

test('rmw data list --quick lists all 52 sources present with sha256 ok', async () => {
  const r = (await command.run(parseArgs(['list', '--quick', '--json']))) as { sources: Record<string, unknown>[] };
  assert.equal(r.sources.length, 52);
  assert.ok(r.sources.every((s) => s.present === true && s.sha256Ok === true && s.rows === null));
  assert.deepEqual(Object.keys(r.sources[0]).slice(0, 7), [
    'id',
    'role',
    'kind',
    'present',
    'from',
    'sha256Ok',
    'rows',
  ]);
});
