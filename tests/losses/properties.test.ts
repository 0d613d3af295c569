// Properties the losses must have: exact gradients (finite differences), BT symmetry, focal ≤ BT, limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLoss, listLosses } from '../../src/losses/index.js';
import { createRng } from '../../src/util/rng.js';
import { assertClose } from './tfSetup.js';

test('every reference gradient matches a central finite difference (seeded random points)', () => {
  const rng = createRng(4);
  const h = 1e-6;
  for (const loss of listLosses()) {
    for (let k = 0; k < 40; k++) {
      const rc = (rng.next() - 0.5) * 12,
        rr = (rng.next() - 0.5) * 12,
        margin = rng.next() * 2;
      const params = {
        gamma: 3 * rng.next(),
        t: rng.next(),
        temperature: 0.3 + 3 * rng.next(),
        m: 2 * rng.next(),
        center: 0.1,
      };
      const d = rc - rr;
      // Skip points within 1e-4 of a kink: hinge at Δ = m, focal-penalty at Δ = 0.
      if (
        (loss.name === 'hinge' && Math.abs(d - params.m) < 1e-4) ||
        (loss.name === 'focal-penalty' && Math.abs(d) < 1e-4)
      )
        continue;
      const v = loss.reference(rc, rr, margin, params);
      const fc =
        (loss.reference(rc + h, rr, margin, params).loss - loss.reference(rc - h, rr, margin, params).loss) / (2 * h);
      const fr =
        (loss.reference(rc, rr + h, margin, params).loss - loss.reference(rc, rr - h, margin, params).loss) / (2 * h);
      assertClose(v.dChosen, fc, 1e-6, `${loss.name} dChosen at (${rc}, ${rr})`);
      assertClose(v.dRejected, fr, 1e-6, `${loss.name} dRejected at (${rc}, ${rr})`);
    }
  }
});

test('BT(Δ) − BT(−Δ) = −Δ exactly enough, up to |Δ| = 1e4', () => {
  const bt = getLoss('bt');
  for (const d of [-1e4, -37.5, -1, -0.001, 0, 0.3, 2, 700, 1e4]) {
    assertClose(bt.reference(d, 0, 0, {}).loss - bt.reference(-d, 0, 0, {}).loss, -d, 1e-12, `BT symmetry at ${d}`);
  }
});

test('BT depends only on Δ: shifting both rewards changes nothing', () => {
  for (const name of [
    'bt',
    'bt-margin',
    'focal',
    'focal-penalty',
    'hinge',
    'margin-mse',
    'tempered-log',
    'bt-temperature',
  ]) {
    const a = getLoss(name).reference(0.7, -0.4, 0.5, {});
    const b = getLoss(name).reference(100.7, 99.6, 0.5, {});
    assertClose(b.loss, a.loss, 1e-9, `${name} shift invariance`);
  }
});

test('focal and focal-with-penalty never exceed BT, and equal it where they should', () => {
  const bt = getLoss('bt'),
    focal = getLoss('focal'),
    fp = getLoss('focal-penalty');
  for (let d = -20; d <= 20; d += 0.25) {
    const b = bt.reference(d, 0, 0, {}).loss;
    assert.ok(focal.reference(d, 0, 0, {}).loss <= b, `focal ≤ BT at ${d}`);
    assert.ok(fp.reference(d, 0, 0, {}).loss <= b, `focal-penalty ≤ BT at ${d}`);
    // The penalty form down-weights less than focal (its weight (2σ(−Δ))^γ ≥ σ(−Δ)^γ).
    assert.ok(fp.reference(d, 0, 0, {}).loss >= focal.reference(d, 0, 0, {}).loss, `focal-penalty ≥ focal at ${d}`);
    if (d <= 0) assert.equal(fp.reference(d, 0, 0, {}).loss, b);
    assert.equal(focal.reference(d, 0, 0, { gamma: 0 }).loss, b);
  }
});

test('hinge is zero beyond the margin and linear inside it', () => {
  const hinge = getLoss('hinge');
  for (let d = 1; d <= 50; d += 0.5) {
    const v = hinge.reference(d, 0, 0, {});
    assert.equal(v.loss, 0);
    assert.equal(v.dChosen, 0);
  }
  for (let d = -50; d < 1; d += 0.5) assert.equal(hinge.reference(d, 0, 0, {}).loss, 1 - d);
});

test('temperature T = 1 is BT, and T scales the Δ axis', () => {
  const bt = getLoss('bt'),
    bttemp = getLoss('bt-temperature');
  for (let d = -10; d <= 10; d += 0.5) {
    const a = bt.reference(d, 0, 0, {}),
      b = bttemp.reference(d, 0, 0, { temperature: 1 });
    assert.equal(b.loss, a.loss);
    assert.equal(b.dChosen, a.dChosen);
    assertClose(bttemp.reference(3 * d, 0, 0, { temperature: 3 }).loss, a.loss, 1e-12, `T=3 at 3Δ`);
  }
});

test('tempered log: t → 1 approaches BT continuously, t = 0 is 1 − σ(Δ), and the loss falls as t falls', () => {
  const bt = getLoss('bt'),
    tl = getLoss('tempered-log');
  for (let d = -8; d <= 8; d += 0.5) {
    const b = bt.reference(d, 0, 0, {});
    assert.equal(tl.reference(d, 0, 0, { t: 1 }).loss, b.loss);
    assertClose(tl.reference(d, 0, 0, { t: 1 - 1e-9 }).loss, b.loss, 1e-7, `t→1 at ${d}`);
    assertClose(tl.reference(d, 0, 0, { t: 1 - 1e-9 }).dChosen, b.dChosen, 1e-7, `t→1 gradient at ${d}`);
    assertClose(tl.reference(d, 0, 0, { t: 0 }).loss, 1 / (1 + Math.exp(d)), 1e-14, `t=0 at ${d}`);
    assert.ok(tl.reference(d, 0, 0, { t: 0.3 }).loss <= tl.reference(d, 0, 0, { t: 0.7 }).loss + 1e-15);
  }
});

test('BT with margin m equals BT at Δ − m; MarginMSE is minimised exactly at Δ = m', () => {
  const bt = getLoss('bt'),
    btm = getLoss('bt-margin'),
    mse = getLoss('margin-mse');
  for (let d = -5; d <= 5; d += 0.5)
    assert.equal(btm.reference(d, 0, 0.75, {}).loss, bt.reference(d - 0.75, 0, 0, {}).loss);
  assert.equal(mse.reference(2.5, 0, 0, { m: 2.5 }).loss, 0);
  assert.ok(mse.reference(2.4, 0, 0, { m: 2.5 }).loss > 0 && mse.reference(2.6, 0, 0, { m: 2.5 }).loss > 0);
});

test('invalid parameters are refused with the rule, not turned into NaN', () => {
  assert.throws(() => getLoss('tempered-log').reference(0, 0, 0, { t: 1.5 }), /t must be ≤ 1/);
  assert.throws(() => getLoss('bt-temperature').reference(0, 0, 0, { temperature: 0 }), /T must be > 0/);
});
