// Progress on stderr for long work: a counter with rate and ETA, quiet when stderr is not a terminal
// unless RMW_PROGRESS=1, and silent when RMW_PROGRESS=0.
import { setting } from '../config/env.js';

export interface Progress {
  tick(n?: number, note?: string): void;
  done(note?: string): void;
}

export function progress(label: string, total: number): Progress {
  const enabled = progressOn();
  const start = Date.now();
  let count = 0;
  let lastDraw = 0;
  const draw = (note: string, final: boolean) => {
    const secs = (Date.now() - start) / 1000;
    const rate = count / Math.max(secs, 1e-9);
    const eta = total > 0 && count > 0 ? (total - count) / rate : NaN;
    const pct = total > 0 ? ` ${((100 * count) / total).toFixed(0)}%` : '';
    const text =
      `${label} ${count}/${total}${pct} ${secs.toFixed(1)}s` +
      (final || !Number.isFinite(eta) ? '' : ` eta ${eta.toFixed(0)}s`) +
      (note ? ` ${note}` : '');
    if (process.stderr.isTTY) process.stderr.write(`\r${text}\x1b[K${final ? '\n' : ''}`);
    else process.stderr.write(`${text}\n`);
  };
  return {
    tick(n = 1, note = '') {
      count += n;
      if (!enabled) return;
      const now = Date.now();
      const interval = process.stderr.isTTY ? 100 : 5000;
      if (now - lastDraw >= interval) {
        lastDraw = now;
        draw(note, false);
      }
    },
    done(note = '') {
      if (enabled) draw(note, true);
    },
  };
}

/** One line of progress text on stderr (same on/off rules as `progress`). */
export function logProgress(text: string): void {
  if (progressOn()) process.stderr.write(`${text}\n`);
}

/** RMW_PROGRESS=1 or 0 decides; unset, progress shows on a terminal only. */
function progressOn(): boolean {
  if (typeof process === 'undefined') return false; // a browser page shows progress through its own callbacks
  return setting('progress') ?? Boolean(process.stderr.isTTY);
}
