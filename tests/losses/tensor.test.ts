// The tfjs tensor() of every loss against its plain-number reference: values and tf.grad gradients within 1e-5
// (relative, float32), including |Δ| = 1e4; shape assertions; and no leaked tensors.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { getLoss, listLosses, pairLossReference, pairLossTensor } from '../../src/losses/index.js';
import type { LossParams, PairLoss } from '../../src/losses/index.js';
import { assertClose, useCpuBackend } from './tfSetup.js';

before(useCpuBackend);

// Rewards as float32 so the reference sees exactly the numbers the tensors hold.
const RC = [0.3, -1.2, 2, 0, 5e3, -5e3, 7.25, -0.01, 1].map(Math.fround);
const RR = [0.1, 0.4, -1, 0, -5e3, 5e3, 7, 0.5, 1.5].map(Math.fround);
const MARGIN = [0.5, 1, 0, 0.25, 2, 1, 0.3, 0.1, 0.6].map(Math.fround);

const PARAM_SETS: LossParams[] = [
  {},
  { gamma: 0.5, t: 0.2, temperature: 0.7, m: 0.4 },
  { gamma: 0, t: 1, temperature: 1 },
];

function gradsOf(loss: PairLoss, params: LossParams, margin: tf.Tensor1D | null) {
  const rc = tf.tensor1d(RC),
    rr = tf.tensor1d(RR);
  const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(loss.tensor(a as tf.Tensor1D, b as tf.Tensor1D, margin, params));
  const [gc, gr] = tf.grads(f)([rc, rr]);
  const value = loss.tensor(rc, rr, margin, params);
  const out = {
    loss: Array.from(value.dataSync()),
    dChosen: Array.from(gc.dataSync()),
    dRejected: Array.from(gr.dataSync()),
  };
  tf.dispose([rc, rr, gc, gr, value]);
  return out;
}

test('tensor() matches reference() in value and tf.grad gradient for every loss and parameter set', () => {
  for (const loss of listLosses()) {
    for (const params0 of PARAM_SETS) {
      for (const fromPairs of [false, true]) {
        if (fromPairs && !loss.reads.includes('marginFromPairs')) continue;
        const params = { ...params0, marginFromPairs: fromPairs };
        const margin = tf.tensor1d(MARGIN);
        const got = gradsOf(loss, params, loss.usesMargin || fromPairs ? margin : null);
        margin.dispose();
        for (let i = 0; i < RC.length; i++) {
          const want = loss.reference(RC[i], RR[i], loss.usesMargin || fromPairs ? MARGIN[i] : 0, params);
          const where = `${loss.name} ${JSON.stringify(params)} pair ${i} (${RC[i]}, ${RR[i]})`;
          assertClose(got.loss[i], want.loss, 1e-5, `${where} loss`);
          assertClose(got.dChosen[i], want.dChosen, 1e-5, `${where} dChosen`);
          assertClose(got.dRejected[i], want.dRejected, 1e-5, `${where} dRejected`);
        }
      }
    }
  }
});

test('pairLossTensor is the mean of pairLossReference, centring included, with matching gradients', () => {
  for (const name of ['bt', 'focal', 'hinge', 'cross-entropy', 'bt-margin']) {
    const params = { center: 0.05 };
    const margin = name === 'bt-margin' ? MARGIN : null;
    const ref = pairLossReference(name, RC, RR, margin, params);
    const rc = tf.tensor1d(RC),
      rr = tf.tensor1d(RR),
      m = margin ? tf.tensor1d(margin) : null;
    const value = pairLossTensor(name, rc, rr, m, params);
    assertClose(value.dataSync()[0], ref.mean, 1e-5, `${name} mean`);
    const [gc, gr] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      pairLossTensor(name, a as tf.Tensor1D, b as tf.Tensor1D, m, params),
    )([rc, rr]);
    const gcs = gc.dataSync(),
      grs = gr.dataSync();
    for (let i = 0; i < RC.length; i++) {
      assertClose(gcs[i], ref.dChosen[i] / RC.length, 1e-5, `${name} d mean/d r_c[${i}]`);
      assertClose(grs[i], ref.dRejected[i] / RC.length, 1e-5, `${name} d mean/d r_r[${i}]`);
    }
    tf.dispose([value, rc, rr, gc, gr, ...(m ? [m] : [])]);
  }
});

test('gradients stay finite at |Δ| = 1e4 under tfjs (no logSigmoid, no pow of 0)', () => {
  for (const loss of listLosses()) {
    const rc = tf.tensor1d([1e4, -1e4, 0]),
      rr = tf.tensor1d([0, 0, 0]),
      m = tf.tensor1d([0, 0, 0]);
    const [gc, gr] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(loss.tensor(a as tf.Tensor1D, b as tf.Tensor1D, m, { gamma: 0 })),
    )([rc, rr]);
    for (const g of [...gc.dataSync(), ...gr.dataSync()]) assert.ok(Number.isFinite(g), `${loss.name}: gradient ${g}`);
    tf.dispose([rc, rr, m, gc, gr]);
  }
});

test('shapes: [B] against [B,1] is an error, never a [B,B] loss; lengths must agree', () => {
  const bt = getLoss('bt');
  const b = tf.tensor1d([1, 2, 3]);
  const col = tf.tensor2d([[0], [1], [2]]);
  const short = tf.tensor1d([0, 1]);
  assert.throws(
    () => bt.tensor(b, col as unknown as tf.Tensor1D, null, {}),
    /rRejected must be a 1-D tensor \[batch\], got shape \[3, 1\].*squeeze/,
  );
  assert.throws(() => pairLossTensor('focal', col as unknown as tf.Tensor1D, b, null), /rChosen must be a 1-D tensor/);
  assert.throws(() => pairLossTensor('bt', b, short, null), /rChosen has 3 pairs but rRejected has 2/);
  assert.throws(() => pairLossTensor('bt-margin', b, b, short), /margin has 2/);
  for (const loss of listLosses()) {
    assert.throws(() => loss.tensor(b, col as unknown as tf.Tensor1D, null, {}), /1-D/, `${loss.name} checks shapes`);
  }
  assert.throws(() => pairLossTensor('bt', tf.tensor1d([]), tf.tensor1d([]), null), /empty batch/);
  tf.dispose([b, col, short]);
});

test('no tensor leaks: tensor(), pairLossTensor and their gradients leave the tensor count unchanged', () => {
  const rc = tf.tensor1d(RC),
    rr = tf.tensor1d(RR),
    m = tf.tensor1d(MARGIN);
  const before = tf.memory().numTensors;
  for (const loss of listLosses()) {
    for (const params of [{}, { center: 0.01, marginFromPairs: true }]) {
      loss.tensor(rc, rr, m, params).dispose();
      pairLossTensor(loss, rc, rr, m, params).dispose();
      const gs = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        pairLossTensor(loss, a as tf.Tensor1D, b as tf.Tensor1D, m, params),
      )([rc, rr]);
      tf.dispose(gs);
    }
  }
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([rc, rr, m]);
});
