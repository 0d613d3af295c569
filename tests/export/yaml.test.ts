// The YAML writer: numbers that PyYAML and YAML 1.2 read back as numbers, quoted strings, comments, one nesting level.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toYaml, yamlNumber } from '../../src/export/yaml.js';
import { pythonWith, runPython } from './helpers.js';

test('floats carry a dot and a signed exponent when JavaScript would print an exponent', () => {
  assert.equal(yamlNumber(2e-6), '0.000002');
  assert.equal(yamlNumber(1e-7), '1.0e-7');
  assert.equal(yamlNumber(2.5e-8), '2.5e-8');
  assert.equal(yamlNumber(1e21), '1.0e+21');
  assert.equal(yamlNumber(0.05), '0.05');
  assert.equal(yamlNumber(128), '128');
  assert.throws(() => yamlNumber(NaN), /cannot write NaN/);
});

test('entries, comments, a nested mapping and a flow list', () => {
  const text = toYaml(
    [
      { key: 'a', value: 'x "y"', comment: 'why' },
      { key: 'b', value: [{ key: 'c', value: 1e-7 }] },
      { key: 'd', value: [0.9, 0.999] },
      { key: 'e', value: null },
    ],
    ['header'],
  );
  assert.equal(text, '# header\na: "x \\"y\\""  # why\nb:\n  c: 1.0e-7\nd: [0.9, 0.999]\ne: null\n');
  assert.throws(() => toYaml([{ key: 'a b', value: 1 }]), /needs quoting/);
  assert.throws(() => toYaml([{ key: 'a', value: 1, comment: 'x\ny' }]), /one line/);
});

test('PyYAML reads the values back with their types', (t) => {
  const py = pythonWith(['yaml']);
  if (!py) return t.skip('no Python with PyYAML here: YAML round trip not checked');
  const text = toYaml([
    { key: 'lr', value: 1e-7, comment: 'c' },
    { key: 'lr2', value: 2e-6 },
    { key: 'wd', value: 0.001 },
    { key: 'n', value: 128 },
    { key: 's', value: 'eager # not a comment' },
    { key: 'f', value: false },
    { key: 'nest', value: [{ key: 'betas', value: [0.9, 0.999] }] },
  ]);
  const back = runPython(py, 'import sys, json, yaml; print(json.dumps(yaml.safe_load(json.load(sys.stdin))))', text);
  assert.deepEqual(back, {
    lr: 1e-7,
    lr2: 2e-6,
    wd: 0.001,
    n: 128,
    s: 'eager # not a comment',
    f: false,
    nest: { betas: [0.9, 0.999] },
  });
});
