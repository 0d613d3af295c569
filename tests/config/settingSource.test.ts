// Settings come from an injected reader (a browser page has no process environment); the default reads process.env.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setSettingSource, setting } from '../../src/config/env.js';

test('setSettingSource replaces where settings are read, and hands back the previous reader', () => {
  const seen: string[] = [];
  const previous = setSettingSource((name) => {
    seen.push(name);
    return name === 'RMW_BACKEND' ? 'wasm' : undefined;
  });
  try {
    assert.equal(setting('backend'), 'wasm');
    assert.deepEqual(seen, ['RMW_BACKEND']);
  } finally {
    setSettingSource(previous);
  }
  const before = process.env.RMW_BACKEND;
  process.env.RMW_BACKEND = 'cpu';
  try {
    assert.equal(setting('backend'), 'cpu');
  } finally {
    if (before === undefined) delete process.env.RMW_BACKEND;
    else process.env.RMW_BACKEND = before;
  }
});
