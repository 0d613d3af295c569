// `rmw loss`: per-pair loss and gradients on typed numbers, --list, and clear refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { parseArgs } from '../../src/cli/args.js';
import { command } from '../../src/cli/loss.js';
import type { LossCommandResult, LossListResult } from '../../src/cli/loss.js';
import { assertClose } from './tfSetup.js';

async function run(argv: string[]) {
  return command.run(parseArgs(argv));
}

test("rmw loss bt prints each pair's loss, dChosen, dRejected and their mean", async () => {
  const r = (await run(['bt', '--chosen', '1,0.2', '--rejected', '0,0.4'])) as LossCommandResult;
  assert.equal(r.loss, 'bt');
  assert.equal(r.pairs.length, 2);
  assertClose(r.pairs[0].loss, Math.log(1 + Math.exp(-1)), 1e-15, 'pair 1 loss');
  assertClose(r.pairs[0].dChosen, -1 / (1 + Math.E), 1e-15, 'pair 1 dChosen');
  assertClose(r.pairs[1].dRejected, 1 / (1 + Math.exp(-0.2)), 1e-15, 'pair 2 dRejected');
  assert.equal(r.pairs[1].margin, null);
  assertClose(r.mean, (r.pairs[0].loss + r.pairs[1].loss) / 2, 1e-15, 'mean');
  const text = command.format!(r);
  assert.match(text, /bt \(Bradley-Terry\)/);
  assert.match(text, /batch loss \(mean over 2 pairs\): 0\.55/);
});

test('parameters and margins reach the loss; hinge reads --margin per pair', async () => {
  const f = (await run([
    'focal',
    '--chosen',
    String(Math.log(3)),
    '--rejected',
    '0',
    '--gamma',
    '1',
  ])) as LossCommandResult;
  assertClose(f.pairs[0].loss, Math.log(4 / 3) / 4, 1e-12, 'focal γ = 1');
  assert.equal(f.params.gamma, 1);
  const h = (await run([
    'hinge',
    '--chosen',
    '1,0',
    '--rejected',
    '0,0',
    '--margin',
    '3,0.5',
    '--center',
    '0.01',
  ])) as LossCommandResult;
  assert.deepEqual(
    h.pairs.map((p) => p.loss),
    [2 + 0.01, 0.5],
  );
  assert.deepEqual(
    h.pairs.map((p) => p.margin),
    [3, 0.5],
  );
  const t = (await run(['tempered-log', '--chosen', '0', '--rejected', '0', '--t', '0'])) as LossCommandResult;
  assertClose(t.pairs[0].loss, 0.5, 1e-15, 'tempered t = 0 at a tie');
  const T = (await run([
    'bt-temperature',
    '--chosen',
    '2',
    '--rejected',
    '0',
    '--temperature',
    '2',
  ])) as LossCommandResult;
  assertClose(T.pairs[0].loss, Math.log(1 + Math.exp(-1)), 1e-15, 'T = 2');
});

test('every registered loss runs through the CLI', async () => {
  const list = (await run(['--list'])) as LossListResult;
  assert.equal(list.losses.length, 10);
  for (const l of list.losses) {
    const argv = [l.name, '--chosen', '0.5,-2', '--rejected', '0,1'];
    if (l.usesMargin) argv.push('--margin', '1,1');
    const r = (await run(argv)) as LossCommandResult;
    assert.ok(
      r.pairs.every((p) => Number.isFinite(p.loss) && Number.isFinite(p.dChosen)),
      l.name,
    );
  }
  assert.match(command.format!(list), /focal-penalty[\s\S]*defaults: +gamma = 2[\s\S]*InternLM2/);
});

test('misuse is refused with a message that says what to do', async () => {
  await assert.rejects(run(['bt', '--chosen', '1,2', '--rejected', '0']), /--chosen has 2 values but --rejected has 1/);
  await assert.rejects(
    run(['bt', '--chosen', '1,x', '--rejected', '0,0']),
    /--chosen: entry 2 \("x"\) is not a number/,
  );
  await assert.rejects(
    run(['bt', '--chosen', '1', '--rejected', '0', '--gamma', '2']),
    /--gamma is not a parameter of loss bt/,
  );
  await assert.rejects(
    run(['bt', '--chosen', '1', '--rejected', '0', '--margin', '1']),
    /does not read per-pair margins/,
  );
  await assert.rejects(run(['focal', '--chosen', '1', '--rejected', '0', '--gama', '2']), /unknown option --gama/);
  await assert.rejects(run(['tempered-log', '--chosen', '1', '--rejected', '0', '--t', '2']), /t must be ≤ 1/);
  await assert.rejects(run(['nope', '--chosen', '1', '--rejected', '0']), /unknown loss "nope"/);
  await assert.rejects(run([]), /rmw loss --list/);
});

test('end to end: `rmw loss ... --json` prints the documented JSON', () => {
  const out = spawnSync(process.execPath, ['bin/rmw.js', 'loss', 'bt', '--chosen', '0', '--rejected', '0', '--json'], {
    encoding: 'utf8',
  });
  assert.equal(out.status, 0, out.stderr);
  const r = JSON.parse(out.stdout);
  assert.deepEqual(Object.keys(r), ['loss', 'paperName', 'formula', 'params', 'pairs', 'mean']);
  assert.deepEqual(Object.keys(r.pairs[0]), ['rChosen', 'rRejected', 'margin', 'loss', 'dChosen', 'dRejected']);
  assertClose(r.mean, Math.LN2, 1e-15, 'mean');
});
