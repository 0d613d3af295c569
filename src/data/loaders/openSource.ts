// Opening a manifest source for a loader: its verified local file and an empty account to fill.
import { LoadAccount } from '../loadReport.js';
import { resolveSource, type ResolvedSource } from '../sources.js';

/** Resolve a source id to its verified local file and an empty account for it. */
export async function openSource<T>(id: string): Promise<{ resolved: ResolvedSource; account: LoadAccount<T> }> {
  const resolved = await resolveSource(id);
  return { resolved, account: new LoadAccount<T>(id, resolved.path) };
}
