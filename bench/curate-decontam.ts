// Benchmark: decontaminating 80,000 training prompts against the ~3,200 real benchmark prompts the workbench holds
// (llmbar, hep, xstest, rmbench, judgebench, mt-bench). Training prompts are synthetic but realistic in size:
// 100 words each (Magpie Ultra prompts average 76.7 tokens, paper Table 1), drawn from the benchmark vocabulary so
// most windows hit the index's vocabulary (the slow path), and 5% carry a real 12-word benchmark excerpt. Words are
// ASCII except in 5% of prompts, which get one non-ASCII benchmark word (the slower NFKC path), like real English data.
// Target: under 5 s on this machine (2 cores). Run: node --import tsx bench/curate-decontam.ts [count]
import { wordTokens } from '../src/data/ngrams.js';
import type { PreferencePair } from '../src/data/schema.js';
import { BenchmarkNgramIndex, decontaminateByNgram } from '../src/curate/decontaminate.js';
import { loadBenchmarkPrompts } from '../src/curate/recipes/benchmarks.js';
import { createRng } from '../src/util/rng.js';

const count = Number(process.argv[2] ?? 80000);
const bench = await loadBenchmarkPrompts();
const allWords = [...new Set(bench.flatMap((b) => wordTokens(b.text)))];
const vocab = allWords.filter((w) => /^[a-z0-9']+$/.test(w));
const nonAscii = allWords.filter((w) => !/^[a-z0-9']+$/.test(w));
const rng = createRng(1);
const pairs: PreferencePair[] = [];
let planted = 0;
for (let i = 0; i < count; i++) {
  const words = Array.from({ length: 100 }, () => vocab[rng.int(vocab.length)]);
  if (rng.next() < 0.05) words[rng.int(100)] = nonAscii[rng.int(nonAscii.length)];
  if (rng.next() < 0.05) {
    const toks = wordTokens(bench[rng.int(bench.length)].text);
    if (toks.length >= 12) {
      const s = rng.int(toks.length - 11);
      words.splice(40, 12, ...toks.slice(s, s + 12));
      planted++;
    }
  }
  pairs.push({
    id: `t${i}`,
    source: 'synthetic',
    prompt: [{ role: 'user', content: words.join(' ') }],
    chosen: 'a',
    rejected: 'b',
  });
}
const c0 = process.cpuUsage();
const t0 = performance.now();
const index = new BenchmarkNgramIndex(bench, 8);
const t1 = performance.now();
const r = decontaminateByNgram(pairs, index);
const t2 = performance.now();
const cpu = process.cpuUsage(c0);
console.log(
  JSON.stringify(
    {
      trainingPrompts: count,
      wordsPerPrompt: 100,
      benchmarkPrompts: bench.length,
      n: 8,
      threshold: 1,
      planted,
      flagged: r.flagged.length,
      indexMs: Math.round(t1 - t0),
      decontamMs: Math.round(t2 - t1),
      totalSeconds: +((t2 - t0) / 1000).toFixed(2),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      targetSeconds: 5,
      loadAverage1m: (await import('node:os')).loadavg()[0],
      node: process.version,
    },
    null,
    2,
  ),
);
