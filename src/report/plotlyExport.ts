// Static export of Plotly figures: JSON always; SVG and PNG through one headless Chromium page that loads
// plotly.js-dist-min from node_modules (no network). One page serves many figures (~3 s to start, ~0.1 s each).
// SVGs are deterministic for the same input: Plotly draws random ids (clip paths) from Math.random, so the page's
// Math.random is re-seeded before every figure.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { canonicalJson } from '../util/hash.js';
import { fromRoot } from '../util/paths.js';
import { ENV_VARS, setting } from '../config/env.js';
import type { PlotlyFigure } from './theme.js';

export const DEFAULT_CHROMIUM = ENV_VARS.chromium.fallback;

/** Launch flags for Debian's Chromium with nothing reaching the network (stack.md). */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The path to Chromium: $RMW_CHROMIUM, else /usr/bin/chromium; undefined when neither exists. */
export function findChromium(): string | undefined {
  const candidate = setting('chromium');
  return existsSync(candidate) ? candidate : undefined;
}

function plotlyScriptPath(): string {
  const req = createRequire(join(fromRoot(), 'package.json'));
  return req.resolve('plotly.js-dist-min/plotly.min.js');
}

// Minimal structural types of the playwright-core objects used here, so this file does not depend on its typings.
interface PwPage {
  setContent(html: string): Promise<void>;
  addScriptTag(options: { path: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}
interface PwBrowser {
  newPage(): Promise<PwPage>;
  close(): Promise<void>;
}

export interface StaticImages {
  svg: string;
  png: Buffer;
}

/** One Chromium page with Plotly loaded; call `close()` when done. */
export class PlotlyExporter {
  private constructor(
    private readonly browser: PwBrowser,
    private readonly page: PwPage,
  ) {}

  static async open(executablePath = findChromium()): Promise<PlotlyExporter> {
    if (!executablePath)
      throw new Error(`Chromium not found at ${setting('chromium')} (set RMW_CHROMIUM, or use --no-png)`);
    const { chromium } = await import('playwright-core');
    const browser = (await chromium.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_FLAGS,
    })) as unknown as PwBrowser;
    try {
      const page = await browser.newPage();
      await page.setContent(
        '<!doctype html><html><head><meta charset="utf-8"></head><body><div id="plot"></div></body></html>',
      );
      await page.addScriptTag({ path: plotlyScriptPath() });
      return new PlotlyExporter(browser, page);
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  /** Renders one figure to SVG text and PNG bytes (PNG at 2x for sharp text). */
  async render(figure: PlotlyFigure): Promise<StaticImages> {
    const result = await this.page.evaluate(
      async (fig: { data: unknown[]; layout: unknown; width: number; height: number }) => {
        // A small seeded generator (mulberry32) in place of Math.random, so Plotly's generated ids repeat.
        let s = 0x2f6b1d3;
        Math.random = () => {
          s = (s + 0x6d2b79f5) | 0;
          let t = Math.imul(s ^ (s >>> 15), 1 | s);
          t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        const P = (globalThis as unknown as { Plotly: any }).Plotly;
        const el = document.getElementById('plot')!;
        P.purge(el);
        await P.newPlot(
          el,
          fig.data,
          { ...(fig.layout as object), width: fig.width, height: fig.height },
          { staticPlot: true },
        );
        const svg: string = await P.toImage(el, { format: 'svg', width: fig.width, height: fig.height });
        const png: string = await P.toImage(el, { format: 'png', width: fig.width, height: fig.height, scale: 2 });
        return { svg, png };
      },
      { data: figure.data, layout: figure.layout, width: figure.width, height: figure.height },
    );
    const svgPrefix = 'data:image/svg+xml,';
    const pngPrefix = 'data:image/png;base64,';
    if (!result.svg.startsWith(svgPrefix) || !result.png.startsWith(pngPrefix)) {
      throw new Error(`Plotly.toImage returned an unexpected format for figure "${figure.id}"`);
    }
    return {
      svg: decodeURIComponent(result.svg.slice(svgPrefix.length)),
      png: Buffer.from(result.png.slice(pngPrefix.length), 'base64'),
    };
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** The Plotly JSON of a figure as written to disk: { data, layout } with sorted keys (stable diffs). */
export function figureJson(figure: PlotlyFigure): string {
  return (
    canonicalJson({ data: figure.data, layout: { ...figure.layout, width: figure.width, height: figure.height } }, 1) +
    `\n`
  );
}

/** Writes <id>.json, and <id>.svg + <id>.png when an exporter is given; returns the paths written. */
export async function writeFigure(figure: PlotlyFigure, outDir: string, exporter?: PlotlyExporter): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const base = join(outDir, figure.id);
  writeFileSync(`${base}.json`, figureJson(figure));
  const written = [`${base}.json`];
  if (exporter) {
    const { svg, png } = await exporter.render(figure);
    writeFileSync(`${base}.svg`, svg);
    writeFileSync(`${base}.png`, png);
    written.push(`${base}.svg`, `${base}.png`);
  }
  return written;
}
