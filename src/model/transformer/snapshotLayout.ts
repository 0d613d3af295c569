// Snapshots written before the attention's Q, K and V became one [d, 3d] parameter (graph.ts parameterSpecs) hold
// them as three: `layer<l>/attn/wq|wk|wv` [d, d] and `bq|bk|bv` [d], with AdamW's moments under the same names plus
// `/m` and `/v`. Their values are the same model: joining the three column blocks (Q, then K, then V) gives the
// joined parameter exactly, moments included, so such a run's weights and checkpoints keep loading.
import type { ModelSnapshot, NamedArray } from '../trainable.js';

const SPLIT = /^(layer\d+\/attn\/)(w|b)q(\/m|\/v)?$/;

/** [rows, d] x 3 -> [rows, 3d]: row r is q[r], k[r], v[r] side by side (a bias is one row). */
function joinColumns(parts: NamedArray[], name: string): NamedArray {
  const [q] = parts;
  const d = q.shape[q.shape.length - 1];
  const rows = q.data.length / d;
  const data = new Float32Array(3 * q.data.length);
  for (let r = 0; r < rows; r++) {
    parts.forEach((p, k) => data.set(p.data.subarray(r * d, (r + 1) * d), (3 * r + k) * d));
  }
  const shape = q.shape.length === 1 ? [3 * d] : [rows, 3 * d];
  return { name, shape, data };
}

function joinList(list: NamedArray[], where: string): NamedArray[] {
  const byName = new Map(list.map((a) => [a.name, a]));
  const joined = new Set<string>();
  const out: NamedArray[] = [];
  for (const a of list) {
    const m = SPLIT.exec(a.name);
    if (!m) continue;
    const [, prefix, kind, slot = ''] = m;
    const names = ['q', 'k', 'v'].map((x) => `${prefix}${kind}${x}${slot}`);
    const parts = names.map((n) => byName.get(n));
    if (parts.some((p) => !p)) {
      throw new Error(`transformer snapshot: ${where} has ${a.name} but not all of ${names.join(', ')}`);
    }
    if (parts.some((p) => p!.data.length !== a.data.length || !(p!.data instanceof Float32Array))) {
      throw new Error(`transformer snapshot: ${where}: ${names.join(', ')} differ in size or are not Float32`);
    }
    names.forEach((n) => joined.add(n));
    out.push(joinColumns(parts as NamedArray[], `${prefix}${kind}qkv${slot}`));
  }
  if (joined.size === 0) return list;
  return [...list.filter((a) => !joined.has(a.name)), ...out];
}

/** The snapshot in the current layout: unchanged when it already is, else Q, K and V joined per layer. */
export function joinSplitQkv(s: ModelSnapshot): ModelSnapshot {
  return { ...s, params: joinList(s.params, 'params'), optimizer: joinList(s.optimizer, 'optimizer') };
}
