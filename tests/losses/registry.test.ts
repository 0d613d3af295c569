// The registry (names, aliases, user extensions), the batch helpers and the Δ curves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import {
  deltaGrid,
  getLoss,
  listLosses,
  lossCurves,
  lossReadsMargin,
  pairLossReference,
  registerLoss,
  unregisterLoss,
} from '../../src/losses/index.js';
import type { PairLoss } from '../../src/losses/index.js';
import { assertClose } from './tfSetup.js';

const ALL = [
  'bt',
  'bt-margin',
  'focal',
  'focal-penalty',
  'hinge',
  'margin-mse',
  'cross-entropy',
  'tempered-log',
  'bt-temperature',
  'center',
];

test('the registry holds the ten built-ins in order, each documented with formula, source and defaults', () => {
  assert.deepEqual(
    listLosses().map((l) => l.name),
    ALL,
  );
  for (const l of listLosses()) {
    assert.ok(l.formula.startsWith('L = '), `${l.name} formula`);
    assert.ok(l.source.length > 20 && l.paperName.length > 0, `${l.name} source`);
    for (const key of Object.keys(l.defaults))
      assert.ok(l.reads.includes(key as never), `${l.name} reads its default ${key}`);
  }
  assert.deepEqual(getLoss('focal').defaults, { gamma: 2 });
  assert.deepEqual(getLoss('hinge').defaults, { m: 1 });
  assert.deepEqual(getLoss('tempered-log').defaults, { t: 0.5 });
  assert.deepEqual(getLoss('bt-temperature').defaults, { temperature: 2 });
  assert.deepEqual(getLoss('center').defaults, { center: 0.01 });
});

test('names resolve through aliases, case and underscores; unknown names list the known ones', () => {
  assert.equal(getLoss('Bradley_Terry').name, 'bt');
  assert.equal(getLoss(' CE ').name, 'cross-entropy');
  assert.equal(getLoss('focal with penalty').name, 'focal-penalty');
  assert.equal(getLoss('temperature').name, 'bt-temperature');
  assert.equal(getLoss('reward-centring').name, 'center');
  assert.throws(
    () => getLoss('focla'),
    (err: Error) => ALL.every((n) => err.message.includes(n)) && /unknown loss "focla"/.test(err.message),
  );
});

test('users can register, use, replace and remove their own loss', () => {
  // Squared hinge max(0, 1 − Δ)², a loss the paper does not test.
  const squaredHinge: PairLoss = {
    name: 'squared-hinge',
    aliases: ['sq-hinge'],
    paperName: '(user)',
    formula: 'L = max(0, 1 − Δ)²',
    source: 'test',
    defaults: {},
    reads: [],
    usesMargin: false,
    reference(rc, rr) {
      const s = Math.max(0, 1 - (rc - rr));
      return { loss: s * s, dChosen: -2 * s, dRejected: 2 * s };
    },
    tensor(rc, rr) {
      return tf.tidy(() => tf.square(tf.relu(tf.sub(1, tf.sub(rc, rr)))) as tf.Tensor1D);
    },
  };
  try {
    registerLoss(squaredHinge);
    assert.equal(getLoss('SQ_HINGE'), squaredHinge);
    const r = pairLossReference('squared-hinge', [0, 3], [0, 0], null, { center: 0.5 });
    assert.deepEqual(Array.from(r.loss), [1, 4.5]); // 1 + 0, 0 + 0.5·9
    assert.equal(r.mean, 2.75);
    assert.throws(() => registerLoss(squaredHinge), /already registered/);
    assert.throws(
      () => registerLoss({ ...squaredHinge, name: 'other', aliases: ['focal'] }),
      /"focal" already names loss focal/,
    );
    assert.throws(
      () => registerLoss({ ...squaredHinge, name: 'broken', aliases: [], tensor: undefined as never }),
      /needs both/,
    );
    assert.throws(
      () => registerLoss({ ...squaredHinge, name: 'bad-defaults', aliases: [], defaults: { gamma: -1 } }),
      /γ must be ≥ 0/,
    );
    const replaced = { ...squaredHinge, source: 'replaced' };
    registerLoss(replaced, { replace: true });
    assert.equal(getLoss('sq-hinge').source, 'replaced');
    assert.equal(listLosses().filter((l) => l.name === 'squared-hinge').length, 1);
  } finally {
    unregisterLoss('squared-hinge');
  }
  assert.throws(() => getLoss('squared-hinge'), /unknown loss/);
  assert.deepEqual(
    listLosses().map((l) => l.name),
    ALL,
  );
});

test('pairLossReference: per-pair values, exact gradients, the mean, and centring added once', () => {
  const rc = [1, 0.2],
    rr = [0, 0.4];
  const bt = pairLossReference('bt', rc, rr, null);
  assertClose(bt.loss[0], Math.log(1 + Math.exp(-1)), 1e-15, 'bt pair 1');
  assertClose(bt.loss[1], Math.log(1 + Math.exp(0.2)), 1e-15, 'bt pair 2');
  assertClose(bt.dChosen[0], -1 / (1 + Math.E), 1e-15, 'bt dChosen 1');
  assertClose(bt.mean, (bt.loss[0] + bt.loss[1]) / 2, 1e-15, 'bt mean');
  const centred = pairLossReference('bt', rc, rr, null, { center: 0.1 });
  assertClose(centred.loss[1], bt.loss[1] + 0.1 * 0.36, 1e-15, 'centring λ(r_c + r_r)² added');
  assertClose(centred.dRejected[1], bt.dRejected[1] + 2 * 0.1 * 0.6, 1e-15, 'centring gradient added');
  // The centring term on its own is not added twice.
  assertClose(pairLossReference('center', [1], [2], null, { center: 0.1 }).mean, 0.9, 1e-15, 'center alone');
  // bt-margin without margins is BT; with margins it shifts.
  assert.deepEqual(Array.from(pairLossReference('bt-margin', rc, rr, null).loss), Array.from(bt.loss));
  assertClose(pairLossReference('bt-margin', [1], [0], [1]).loss[0], Math.LN2, 1e-15, 'bt-margin at Δ = m');
});

test('pairLossReference reuses caller buffers and refuses bad input with a clear message', () => {
  const out = { loss: new Float64Array(4), dChosen: new Float64Array(4), dRejected: new Float64Array(4) };
  const r = pairLossReference('hinge', new Float64Array([0, 2]), new Float64Array([0, 0]), null, {}, out);
  assert.equal(r.loss, out.loss);
  assert.deepEqual(Array.from(out.loss.subarray(0, 2)), [1, 0]);
  assert.throws(() => pairLossReference('bt', [1, 2], [1], null), /rChosen has 2 pairs but rRejected has 1/);
  assert.throws(() => pairLossReference('bt', [1, NaN], [1, 1], null), /rChosen\[1\] is NaN/);
  assert.throws(() => pairLossReference('bt-margin', [1], [1], [1, 2]), /margin has 2/);
  assert.throws(() => pairLossReference('bt', [], [], null), /empty batch/);
  assert.throws(() => pairLossReference('hinge', [1], [0], null, { marginFromPairs: true }), /no margins were given/);
  assert.throws(() => pairLossReference('focal', [1], [0], null, { gamma: -1 }), /γ must be ≥ 0/);
  assert.throws(() => pairLossReference('bt', [1], [0], null, { center: -0.1 }), /λ must be ≥ 0/);
  assert.throws(() => pairLossReference('bt-temperature', [1], [0], null, { temperature: -2 }), /T must be > 0/);
});

test('lossReadsMargin: bt-margin always, hinge and MarginMSE only with marginFromPairs', () => {
  assert.equal(lossReadsMargin(getLoss('bt-margin')), true);
  assert.equal(lossReadsMargin(getLoss('hinge')), false);
  assert.equal(lossReadsMargin(getLoss('hinge'), { marginFromPairs: true }), true);
  assert.equal(lossReadsMargin(getLoss('focal'), { marginFromPairs: true }), false);
});

test('lossCurves: loss and dLoss/dΔ over a Δ grid for each loss', () => {
  const grid = deltaGrid();
  assert.equal(grid.length, 241);
  assert.equal(grid[0], -6);
  assert.equal(grid[120], 0);
  assert.equal(grid[240], 6);
  const c = lossCurves(['bt', 'focal', 'hinge', 'cross-entropy', 'bt-margin'], [-2, 0, Math.log(3)]);
  assert.deepEqual(
    c.curves.map((k) => k.name),
    ['bt', 'focal', 'hinge', 'cross-entropy', 'bt-margin'],
  );
  const [bt, focal, hinge, ce, btm] = c.curves;
  assertClose(bt.loss[1], Math.LN2, 1e-15, 'bt(0)');
  assertClose(bt.grad[2], -0.25, 1e-15, "bt'(ln 3)");
  assertClose(focal.loss[2], Math.log(4 / 3) / 16, 1e-15, 'focal(ln 3)');
  assert.deepEqual(hinge.loss, [3, 1, 0]);
  assert.deepEqual(hinge.grad, [-1, -1, 0]);
  // Cross-entropy at r_c = Δ/2, r_r = −Δ/2: 2·softplus(−Δ/2), derivative −σ(−Δ/2).
  assertClose(ce.loss[0], 2 * Math.log(1 + Math.exp(1)), 1e-15, 'ce(−2)');
  assertClose(ce.grad[0], -1 / (1 + Math.exp(-1)), 1e-15, "ce'(−2)");
  assertClose(btm.loss[1], Math.log(1 + Math.E), 1e-15, 'bt-margin(0) with margin 1');
  assert.deepEqual(focal.params, { gamma: 2 });
  assert.equal(lossCurves(['focal'], [0], { gamma: 0 }).curves[0].loss[0], Math.LN2);
  assert.throws(() => lossCurves(['nope'], [0]), /unknown loss/);
  assert.throws(() => lossCurves(['bt'], [Infinity]), /not finite/);
});
