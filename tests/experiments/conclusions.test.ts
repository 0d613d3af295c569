import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dataAblationVerdict } from '../../src/experiments/conclusions.js';

test('data ablation verdict: each combination of resolved directions gets its own sentence', () => {
  // Curated wins at equal steps, the pool wins at equal epochs (the paper's setting): agree, then disagree.
  assert.match(
    dataAblationVerdict(-1, 1, [-1, 1], '13.4'),
    new RegExp(
      String.raw`^read on our held-out accuracy \(.*not a replication\), we agree at equal steps .* disagree at ` +
        String.raw`equal epochs: given 13\.4 times more steps`,
    ),
  );
  assert.match(
    dataAblationVerdict(0, 1, [0, 1], '13.4'),
    /^read on our held-out accuracy \(not RewardBench.*\), we disagree: here more \(uncurated\) data helps/,
  );
  assert.match(dataAblationVerdict(-1, -1, [-1, -1], '13.4'), /\), we agree in direction\.$/);
  assert.match(dataAblationVerdict(1, -1, [1, -1], '13.4'), /point different ways/);
  assert.match(dataAblationVerdict(0, 0, [0, 0], '13.4'), /does not resolve a difference.* 13\.4 times fewer steps/);
});
