// The notebook formatter's comment rule: a comment paragraph broken at arbitrary places is refilled to the cell
// width; blank comment lines, list items and blocks aligned by hand keep their shape; code is not touched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reflowComments } from '../../scripts/format-notebooks.js';

test('a comment paragraph cut at odd places is refilled to the width', () => {
  const ragged = ['// The held-out pairs', '// come from the training sources,', '// where models carry signal.'];
  assert.equal(
    reflowComments(ragged.join('\n'), 40),
    ['// The held-out pairs come from the', '// training sources, where models carry', '// signal.'].join('\n'),
  );
});

test('blank comment lines and list items start paragraphs; indents are kept; code passes through', () => {
  const src = ['  // one', '  // two', '  //', '  // - item a', '  // - item b', 'const x = 1; // trailing'].join('\n');
  assert.equal(
    reflowComments(src, 100),
    ['  // one two', '  //', '  // - item a', '  // - item b', 'const x = 1; // trailing'].join('\n'),
  );
});

test('a block with a line aligned inside the comment is kept as written', () => {
  const maths = ['// dL/dΔ = p(1 − p) · [a − b]', '//       = c − d,   with p = σ(Δ).', '// short'].join('\n');
  assert.equal(reflowComments(maths, 20), maths);
});
