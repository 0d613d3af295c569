// Every loss's plain-number reference against values worked out by hand, at ordinary points and at |Δ| = 1e4.
// Points like Δ = ln 3 make σ(Δ) = 3/4 exactly, so the expected numbers are short closed forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLoss, softplus, sigmoid } from '../../src/losses/index.js';
import type { LossParams } from '../../src/losses/index.js';
import { assertClose } from './tfSetup.js';

const LN3 = Math.log(3);
const LN43 = Math.log(4 / 3); // −log σ(ln 3)

/** Evaluates a Δ-only loss at r_c = Δ, r_r = 0. */
function at(name: string, delta: number, params: LossParams = {}, margin = 0) {
  return getLoss(name).reference(delta, 0, margin, params);
}

function expectPair(
  name: string,
  delta: number,
  loss: number,
  dDelta: number,
  params: LossParams = {},
  margin = 0,
): void {
  const v = at(name, delta, params, margin);
  assertClose(v.loss, loss, 1e-12, `${name} loss at Δ=${delta}`);
  assertClose(v.dChosen, dDelta, 1e-12, `${name} dChosen at Δ=${delta}`);
  assertClose(v.dRejected, -dDelta, 1e-12, `${name} dRejected at Δ=${delta}`);
}

test('stable softplus and sigmoid match the naive formulas where those are safe, and stay finite at ±1e4', () => {
  for (const x of [-30, -2, -0.5, 0, 0.5, 2, 30]) {
    assertClose(softplus(x), Math.log(1 + Math.exp(x)), 1e-14, `softplus(${x})`);
    assertClose(sigmoid(x), 1 / (1 + Math.exp(-x)), 1e-15, `sigmoid(${x})`);
  }
  assert.equal(softplus(1e4), 1e4);
  assert.equal(softplus(-1e4), 0);
  assert.equal(sigmoid(1e4), 1);
  assert.equal(sigmoid(-1e4), 0);
  assertClose(softplus(-40), Math.exp(-40), 1e-12, 'softplus(-40) keeps its tiny value');
});

test('Bradley-Terry: ln 2 at a tie, ln(4/3) at Δ = ln 3, and the right limits at Δ = ±1e4', () => {
  expectPair('bt', 0, Math.LN2, -0.5);
  expectPair('bt', LN3, LN43, -0.25);
  expectPair('bt', -LN3, Math.log(4), -0.75);
  expectPair('bt', 1e4, 0, 0); // loss e^−1e4 underflows to 0
  expectPair('bt', -1e4, 1e4, -1);
});

test('BT with margin is BT at Δ − m, and plain BT when the margin is 0', () => {
  expectPair('bt-margin', 1 + LN3, LN43, -0.25, {}, 1);
  expectPair('bt-margin', 0.5, Math.LN2, -0.5, {}, 0.5);
  expectPair('bt-margin', LN3, LN43, -0.25, {}, 0);
});

test('focal: (1 − σ)^γ · (−log σ), with its gradient, at γ = 2 and γ = 0', () => {
  // Δ = ln 3: (1/4)²·ln(4/3); dL/dΔ = −(1/16)(2·(3/4)·ln(4/3) + 1/4)
  expectPair('focal', LN3, LN43 / 16, -(1.5 * LN43 + 0.25) / 16);
  expectPair('focal', 0, Math.LN2 / 4, -(Math.LN2 + 0.5) / 4);
  expectPair('focal', LN3, LN43, -0.25, { gamma: 0 });
  expectPair('focal', -1e4, 1e4, -1); // hard pair: full BT loss and gradient
  expectPair('focal', 1e4, 0, 0);
});

test('focal with penalty: BT for Δ ≤ 0, weight (2σ(−Δ))^γ for Δ > 0', () => {
  // Δ = ln 3: 1 − 2·(3/4 − 1/2) = 1/2, so (1/2)²·ln(4/3); dw/dΔ = −γσ(Δ)w
  expectPair('focal-penalty', LN3, LN43 / 4, -(0.25 * 2 * 0.75 * LN43 + 0.25 * 0.25));
  expectPair('focal-penalty', -LN3, Math.log(4), -0.75);
  expectPair('focal-penalty', 0, Math.LN2, -0.5);
  expectPair('focal-penalty', -1e4, 1e4, -1);
  expectPair('focal-penalty', 1e4, 0, 0);
});

test('hinge: m − Δ inside the margin (gradient −1), exactly 0 beyond it', () => {
  expectPair('hinge', 0.25, 0.75, -1);
  expectPair('hinge', 2, 0, 0);
  expectPair('hinge', 1, 0, 0); // at the kink the gradient is 0, as tfjs relu gives
  expectPair('hinge', -1e4, 1e4 + 1, -1);
  expectPair('hinge', 0.25, 2.75, -1, { m: 3 });
  expectPair('hinge', 0.25, 0.25, -1, { marginFromPairs: true }, 0.5);
});

test('MarginMSE: (Δ − m)² and 2(Δ − m), large but finite at 1e4', () => {
  expectPair('margin-mse', 3, 4, 4);
  expectPair('margin-mse', -1, 4, -4);
  expectPair('margin-mse', 1e4, 9999 ** 2, 2 * 9999);
  expectPair('margin-mse', 0.5, 0, 0, { marginFromPairs: true }, 0.5);
});

test('cross-entropy: softplus(−r_c) + softplus(r_r), a function of both rewards, not of Δ', () => {
  const ce = getLoss('cross-entropy');
  let v = ce.reference(0, 0, 0, {});
  assertClose(v.loss, 2 * Math.LN2, 1e-15, 'ce(0,0)');
  assertClose(v.dChosen, -0.5, 1e-15, 'ce dChosen');
  assertClose(v.dRejected, 0.5, 1e-15, 'ce dRejected');
  v = ce.reference(LN3, -LN3, 0, {});
  assertClose(v.loss, 2 * LN43, 1e-15, 'ce(ln3,−ln3)');
  assertClose(v.dChosen, -0.25, 1e-15, 'ce dChosen');
  assertClose(v.dRejected, 0.25, 1e-15, 'ce dRejected');
  // Same Δ = 0, different level: a different loss.
  assert.notEqual(ce.reference(5, 5, 0, {}).loss, ce.reference(0, 0, 0, {}).loss);
  v = ce.reference(-1e4, 1e4, 0, {});
  assert.equal(v.loss, 2e4);
  assert.equal(v.dChosen, -1);
  assert.equal(v.dRejected, 1);
});

test('tempered log: 2(1 − √σ) at t = 0.5, 1 − σ at t = 0, bounded by 1/(1 − t)', () => {
  expectPair('tempered-log', LN3, 2 * (1 - Math.sqrt(0.75)), -Math.sqrt(0.75) * 0.25);
  expectPair('tempered-log', LN3, 0.25, -0.75 * 0.25, { t: 0 });
  expectPair('tempered-log', -1e4, 2, 0); // the bound 1/(1 − t); a hopeless pair stops pulling
  expectPair('tempered-log', -1e4, 1, 0, { t: 0 });
  expectPair('tempered-log', 1e4, 0, 0);
});

test('temperature-adjusted BT: softplus(−Δ/T) and −σ(−Δ/T)/T', () => {
  expectPair('bt-temperature', 2 * LN3, LN43, -0.125);
  expectPair('bt-temperature', LN3, LN43, -0.25, { temperature: 1 });
  expectPair('bt-temperature', -1e4, 5e3, -0.5);
});

test('reward centring: λ(r_c + r_r)² with both gradients 2λ(r_c + r_r)', () => {
  const v = getLoss('center').reference(1, 2, 0, { center: 0.01 });
  assertClose(v.loss, 0.09, 1e-15, 'centring loss');
  assertClose(v.dChosen, 0.06, 1e-15, 'centring dChosen');
  assertClose(v.dRejected, 0.06, 1e-15, 'centring dRejected');
  assertClose(getLoss('center').reference(1, 2, 0, {}).loss, 0.09, 1e-15, 'default λ = 0.01');
});

test('no loss gives NaN or Infinity anywhere on |Δ| ≤ 1e4', () => {
  const deltas = [-1e4, -1e3, -50, -1, -1e-9, 0, 1e-9, 1, 50, 1e3, 1e4];
  for (const name of [
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
  ]) {
    for (const params of [
      {},
      { gamma: 0, t: 0, temperature: 0.1, m: -2 },
      { gamma: 5, t: 0.999999, temperature: 50, m: 3 },
    ]) {
      for (const d of deltas) {
        const v = getLoss(name).reference(d / 2, -d / 2, 1, params);
        for (const x of [v.loss, v.dChosen, v.dRejected])
          assert.ok(Number.isFinite(x), `${name} ${JSON.stringify(params)} Δ=${d}: ${x}`);
        assert.ok(v.loss >= 0, `${name} is non-negative`);
      }
    }
  }
});
