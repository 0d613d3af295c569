// Dotted field paths into nested records ("metadata.score_chosen", "data.rows"), shared by the getters and the
// JSON `field` option.

/** Value at a dotted path; a key that itself contains dots is tried whole first. */
export function getPath(value: unknown, path: string): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const obj = value as Record<string, unknown>;
  if (Object.hasOwn(obj, path)) return obj[path];
  for (let cut = path.indexOf('.'); cut > 0; cut = path.indexOf('.', cut + 1)) {
    const head = path.slice(0, cut);
    if (!Object.hasOwn(obj, head)) continue;
    const found = getPath(obj[head], path.slice(cut + 1));
    if (found !== undefined) return found;
  }
  return undefined;
}
