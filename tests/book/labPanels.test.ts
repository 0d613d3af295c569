// The lab inside the chapters: the book puts a panel where a section ends (and refuses a heading it cannot find),
// and the built 03 and 04 pages each carry one panel, after the section that teaches the same thing, wired to the
// Lab chapter's bundle, wasm and pack that `npm run book` writes beside them, with a preset the lab accepts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBook, type Book } from '../../scripts/build-book.js';
import { buildLabChapter } from '../../scripts/book/lab.js';
import { CHAPTER_LAB_PANELS } from '../../scripts/book/labPanels.js';
import { insertPosition, renderNotebook, type Notebook } from '../../scripts/book/render.js';
import { LAB_PACK_FORMAT, labPackDataHash, type LabPack, type LabPackPair } from '../../src/export/labPack.js';
import { LAB_LOSSES, LAB_MODEL_SIZES, checkPreset } from '../../src/lab/options.js';
import { fromRoot } from '../../src/util/paths.js';

const md = (source: string) => ({ cell_type: 'markdown', source });
const code = (source: string) => ({ cell_type: 'code', source, outputs: [] });

test('an insert goes where its section ends: before the next heading of the same or a higher level', () => {
  const nb: Notebook = {
    cells: [md('# T'), md('## A\ntext'), code('1'), md('### A.1'), code('2'), md('## B'), code('3')],
  };
  assert.equal(insertPosition(nb, 'A'), 5);
  assert.equal(insertPosition(nb, 'A.1'), 5);
  assert.equal(insertPosition(nb, 'B'), 7);
  const html = renderNotebook(nb, [{ afterSection: 'A', html: '<aside>X</aside>' }]).html;
  assert.ok(html.indexOf('<aside>X</aside>') > html.indexOf('<code>2</code>'));
  assert.ok(html.indexOf('<aside>X</aside>') < html.indexOf('>B</h2>'));
  assert.throws(() => insertPosition(nb, 'C'), /no section headed "C"/);
  assert.throws(() => checkPreset({ id: 'x', compare: ['bt', 'hinge'] }), /lab preset x: unknown loss "hinge"/);
  const twoInOne: Notebook = { cells: [md('## A\n\n## B'), code('1')] };
  assert.throws(() => insertPosition(twoInOne, 'A'), /the section "A" ends inside cell 1/);
});

let dir: string;
let book: Book;
let packHash: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rmw-book-panels-'));
  book = buildBook(join(dir, 'book'));
  // A tiny valid pack: the panels are checked for their wiring, not trained here (tests/lab/lab.gpu.test.ts does).
  const rows: LabPackPair[] = [['p1', [5, 6, 7], 1, [5, 8], 1, 0]];
  const pack: LabPack = {
    format: LAB_PACK_FORMAT,
    mix: { name: 'tiny', trainSha256: 'ab', card: null },
    preset: 'quick',
    sampleSeed: 1,
    chatFormat: {},
    tokenizer: 't',
    dataHash: labPackDataHash(rows, rows),
    train: rows,
    heldOut: rows,
  };
  packHash = pack.dataHash;
  writeFileSync(join(dir, 'pack.json'), JSON.stringify(pack));
  await buildLabChapter(book.outDir, book.nav, { root: fromRoot(), pack: join(dir, 'pack.json') });
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('chapters 03 and 04 each carry one lab panel, after their section, wired to the bundle and the pack', () => {
  const where = {
    '03_losses': ['4. Parameters change the story', '5. Two add-ons that are not Table 3 rows'],
    '04_training': ['Held-out accuracy per source', 'loss ablation (committed results)'],
  } as const;
  assert.deepEqual(
    CHAPTER_LAB_PANELS.map((p) => p.notebook),
    Object.keys(where),
  );
  for (const [notebook, [section, next]] of Object.entries(where)) {
    const file = `${notebook}.html`;
    assert.equal(book.pages.find((p) => p.file === file)?.labPanels, 1, file);
    const html = readFileSync(join(book.outDir, file), 'utf8');
    const panels = [...html.matchAll(/<section class="lab-panel"[^>]*>/g)];
    assert.equal(panels.length, 1, `${file}: one panel`);
    const at = panels[0].index!;
    assert.ok(html.indexOf(section) > 0 && html.indexOf(section) < at, `${file}: the panel comes after "${section}"`);
    assert.ok(html.indexOf(next) > at, `${file}: the panel comes before "${next}"`);
    const attr = (name: string) => panels[0][0].match(new RegExp(`${name}="([^"]+)"`))?.[1];
    // The files it names are the Lab chapter's, in the book folder.
    assert.equal(attr('data-lab-bundle'), 'lab/lab.js');
    assert.ok(readFileSync(join(book.outDir, attr('data-lab-bundle')!), 'utf8').includes('mountLab'), file);
    assert.ok(existsSync(join(book.outDir, attr('data-lab-wasm')!, 'tfjs-backend-wasm-simd.wasm')), file);
    const pack = JSON.parse(readFileSync(join(book.outDir, attr('data-lab-pack')!), 'utf8'));
    assert.equal(pack.dataHash, packHash);
    // Its preset names losses and a model size the lab offers, and an id for window.rmwLabPanels.
    const preset = JSON.parse(
      html.slice(at).match(/<script type="application\/json" class="lab-preset">(.*?)<\/script>/)![1],
    );
    assert.equal(attr('data-lab-panel'), preset.id);
    for (const l of [...(preset.losses ?? []), ...(preset.compare ?? []), ...(preset.loss ? [preset.loss] : [])])
      assert.ok((LAB_LOSSES as readonly string[]).includes(l), `${file}: loss ${l}`);
    assert.ok(preset.compare.length >= 2, `${file}: a comparison`);
    assert.ok(LAB_MODEL_SIZES[preset.size ?? 'tiny'], file);
    assert.doesNotThrow(() => checkPreset(preset), file);
    assert.match(html.slice(at), /RmwLab\.mountLab\(mount/);
  }
  const losses = JSON.parse(
    readFileSync(join(book.outDir, '03_losses.html'), 'utf8').match(/class="lab-preset">(.*?)<\/script>/)![1],
  );
  assert.deepEqual(losses.compare, ['bt', 'focal']);
  const training = JSON.parse(
    readFileSync(join(book.outDir, '04_training.html'), 'utf8').match(/class="lab-preset">(.*?)<\/script>/)![1],
  );
  assert.deepEqual(training.compare, ['bt', 'bt-margin', 'focal']);
  // No other chapter has one.
  for (const p of book.pages.filter((x) => !['03_losses.html', '04_training.html'].includes(x.file)))
    assert.equal(p.labPanels, undefined, p.file);
});
