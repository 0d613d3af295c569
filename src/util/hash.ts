// Content hashes of files (Node): sha256 of a file read whole or streamed, used for data verification and run
// records. The platform-free hashes (text, bytes, canonical JSON) live in digest.ts and are re-exported here.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';

export { canonicalJson, hashJson, sha256Hex } from './digest.js';

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export async function sha256FileStream(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}
