// Declarative flags: the spec types, checks and defaults the command line, suggests the flag a typo meant, and
// every command's --help lists exactly what it declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/errors.js';
import { closest, editDistance, readCommandLine, type FlagSpecs } from '../../src/cli/flags.js';
import { commands } from '../../src/cli/commands.js';
import { DEFAULT_SEED } from '../../src/config/defaults.js';

const SPEC = {
  seed: { type: 'integer', min: 0, default: 7, help: 'seed' },
  out: { type: 'string', required: true, help: 'output' },
  lr: { type: 'number', help: 'learning rate' },
  sizes: { type: 'numbers', help: 'sizes' },
  mode: { type: 'string', choices: ['fast', 'slow'], help: 'mode' },
  resume: { type: 'boolean', help: 'resume' },
} as const satisfies FlagSpecs;

const read = (argv: string[]) => readCommandLine(SPEC, argv, 'rmw demo', { max: 1, names: 'one file' });

test('values are typed, defaults filled, switches false when absent', () => {
  const { flags, positional } = read(['in.jsonl', '--out', 'o', '--lr=1e-3', '--sizes', '1,-2', '--resume']);
  assert.deepEqual(positional, ['in.jsonl']);
  assert.deepEqual(
    { seed: flags.seed, out: flags.out, lr: flags.lr, sizes: flags.sizes, mode: flags.mode, resume: flags.resume },
    { seed: 7, out: 'o', lr: 0.001, sizes: [1, -2], mode: undefined, resume: true },
  );
  assert.equal(flags.json, false);
});

test('a switch never takes the next word; a value flag takes a negative number', () => {
  const { flags, positional } = read(['--resume', 'in.jsonl', '--out', 'o', '--lr', '-0.5']);
  assert.deepEqual(positional, ['in.jsonl']);
  assert.equal(flags.lr, -0.5);
});

test('every mistake is a UsageError that says what is wrong', () => {
  const cases: [string[], RegExp][] = [
    [['--out', 'o', '--sede', '5'], /^unknown option --sede; did you mean --seed\?$/],
    [['--out', 'o', '--zzz'], /^unknown option --zzz; rmw demo takes --seed, --out, --lr, --sizes, --mode, --resume/],
    [['--out', ''], /^--out needs a value, got an empty string$/],
    [['--out', ' '], /^--out needs a value, got an empty string$/],
    [['--out'], /^--out needs a value: --out <value>$/],
    [['--out', '--lr', '1'], /^--out needs a value/],
    [['--lr', '1'], /^missing --out <value> \(output\)$/],
    [['--out', 'o', '--seed', '1.5'], /^--seed must be an integer, got "1.5"$/],
    [['--out', 'o', '--seed', '-1'], /^--seed must be ≥ 0, got -1$/],
    [['--out', 'o', '--lr', 'fast'], /^--lr must be a number, got "fast"$/],
    [['--out', 'o', '--sizes', '1,x'], /^--sizes: entry 2 \("x"\) is not a number$/],
    [['--out', 'o', '--mode', 'fats'], /^--mode must be one of fast, slow, got "fats"; did you mean fast\?$/],
    [['--out', 'o', '--resume=maybe'], /^--resume is a switch and takes no value \(got "maybe"\)$/],
    [['--out', 'o', 'a', 'b'], /^unexpected argument "b": rmw demo takes one file$/],
    [['--out', 'o', '-x'], /^unknown option -x: options are spelled --name$/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(
      () => read(argv),
      (err: unknown) => err instanceof UsageError && message.test(err.message),
      argv.join(' '),
    );
  }
});

test('suggestions: one edit per three letters, a swap of neighbours counts once, or a unique prefix', () => {
  assert.equal(editDistance('sede', 'seed'), 1);
  assert.equal(editDistance('lsos', 'loss'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(closest('lsos', ['loss', 'lr', 'out']), 'loss');
  assert.equal(closest('gama', ['gamma', 'm']), 'gamma');
  assert.equal(closest('hash', ['hash-bits', 'hidden']), 'hash-bits');
  assert.equal(closest('x', ['m', 't']), undefined);
  assert.equal(closest('banana', ['seed', 'out']), undefined);
});

test("every command's --help lists each declared flag, and names no flag it does not declare", () => {
  for (const c of commands) {
    const named = new Set([...c.usage.matchAll(/--([a-z][a-z0-9-]*)/g)].map((m) => m[1]));
    for (const flag of Object.keys(c.flags)) assert.ok(named.has(flag), `rmw ${c.name} --help lacks --${flag}`);
    for (const flag of named) assert.ok(flag in c.flags, `rmw ${c.name} --help names --${flag}, not declared`);
  }
});

test('every command that takes --seed defaults it to the same value', () => {
  const seeds = commands.filter((c) => 'seed' in c.flags).map((c) => [c.name, c.flags.seed.default]);
  assert.deepEqual(
    seeds,
    seeds.map(([name]) => [name, DEFAULT_SEED]),
  );
  assert.deepEqual(
    seeds.map(([name]) => name),
    ['env', 'curate', 'train', 'eval'],
  );
});

test('a command re-reads its words with its own spec, also when called directly', async () => {
  const train = commands.find((c) => c.name === 'train')!;
  await assert.rejects(train.run(parseArgs(['--data', 'x', '--out', 'o', '--sede', '5'])), {
    name: 'UsageError',
    message: 'unknown option --sede; did you mean --seed?',
  });
});
