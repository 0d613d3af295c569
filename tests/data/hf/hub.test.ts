// Hub files: cache first, download into the cache when allowed, a clear refusal when RMW_OFFLINE=1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hfCachePath, hfFileUrl, resolveHfFile } from '../../../src/data/hf/hub.js';
import { loadHfSource } from '../../../src/data/hf/catalog.js';

const spec = { repo: 'NCSOFT/offsetbias', file: 'train.jsonl' };

test('hfFileUrl is the hub resolve URL', () => {
  assert.equal(hfFileUrl(spec), 'https://huggingface.co/datasets/NCSOFT/offsetbias/resolve/main/train.jsonl');
  assert.equal(
    hfFileUrl({ repo: 'allenai/wildguardmix', file: 'train/wildguard_train.parquet', revision: 'abc' }),
    'https://huggingface.co/datasets/allenai/wildguardmix/resolve/abc/train/wildguard_train.parquet',
  );
});

test('offline: a file missing from the cache is refused with what to do', async () => {
  process.env.RMW_CACHE_DIR = mkdtempSync(join(tmpdir(), 'rmw-hf-'));
  const old = process.env.RMW_OFFLINE;
  process.env.RMW_OFFLINE = '1';
  try {
    await assert.rejects(resolveHfFile(spec), {
      message: /NCSOFT\/offsetbias\/train\.jsonl is not in the cache .* downloads are off \(RMW_OFFLINE=1\)/,
    });
    await assert.rejects(loadHfSource('offsetbias'), { message: /downloads are off/ });
  } finally {
    if (old === undefined) delete process.env.RMW_OFFLINE;
    else process.env.RMW_OFFLINE = old;
  }
});

test('online: downloads into the cache once, then reads from the cache; gated answers say so', async () => {
  process.env.RMW_CACHE_DIR = mkdtempSync(join(tmpdir(), 'rmw-hf-'));
  const body = readFileSync(join(process.cwd(), 'tests', 'fixtures', 'hf', 'offsetbias-train.jsonl'));
  const urls: string[] = [];
  const fake = (async (url: string) => {
    urls.push(url);
    return new Response(body, { status: 200 });
  }) as unknown as typeof fetch;
  const first = await resolveHfFile(spec, { download: true, fetch: fake });
  assert.equal(first.from, 'download');
  assert.equal(first.path, hfCachePath(spec));
  assert.deepEqual(readFileSync(first.path), body);
  const second = await resolveHfFile(spec, { download: true, fetch: fake });
  assert.equal(second.from, 'cache');
  assert.deepEqual(urls, [hfFileUrl(spec)]);
  const report = await loadHfSource('offsetbias', { download: true, fetch: fake });
  assert.equal(report.kept, 2);
  const gated = (async () => new Response('', { status: 401 })) as unknown as typeof fetch;
  await assert.rejects(
    resolveHfFile({ repo: 'allenai/wildguardmix', file: 'x.parquet' }, { download: true, fetch: gated }),
    { message: /gated.*HF_TOKEN/ },
  );
  assert.equal(existsSync(hfCachePath({ repo: 'allenai/wildguardmix', file: 'x.parquet' })), false);
});
