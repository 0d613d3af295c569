// readJsonFile: every JSON error names its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonFile } from '../../src/util/jsonFile.js';

test('a damaged or missing JSON file is an error naming it; a good one is parsed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rmw-json-'));
  const good = join(dir, 'good.json');
  writeFileSync(good, '{"a": [1, 2]}');
  assert.deepEqual(readJsonFile(good), { a: [1, 2] });
  const bad = join(dir, 'record.json');
  writeFileSync(bad, '{"a": [1, 2');
  assert.throws(
    () => readJsonFile(bad),
    (e: Error) => e.message.startsWith(`${bad}: not JSON (`),
  );
  const none = join(dir, 'none.json');
  assert.throws(
    () => readJsonFile(none),
    (e: Error) => e.message === `${none}: cannot read file (ENOENT)`,
  );
});
