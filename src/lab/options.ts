// What the lab offers (its losses and model sizes) and a chapter panel's preset, checked: plain data with no tfjs, so
// the book builder and its tests read the same lists the page shows.
/** Model sizes the page offers: the pack preset's transformer, and a wider, deeper one. */
export const LAB_MODEL_SIZES: Record<string, { label: string; config: Record<string, number> }> = {
  tiny: { label: "tiny (the quick preset's: 1 layer, width 32)", config: {} },
  small: { label: 'small (2 layers, width 64, 4 heads)', config: { dModel: 64, layers: 2, heads: 4, ffn: 128 } },
};

export const LAB_LOSSES = ['bt', 'bt-margin', 'focal'] as const;

/** What a chapter's panel starts from; absent fields take the Lab chapter's defaults. */
export interface LabPanelPreset {
  /** The panel's name: `window.rmwLabPanels[id]`. Without one the lab is the page's own (`window.rmwLab`). */
  id?: string;
  /** The losses offered (default: LAB_LOSSES). */
  losses?: readonly string[];
  loss?: string;
  steps?: number;
  seed?: number;
  size?: string;
  /** Losses the Compare button trains one after another, with the same seed, steps and model. */
  compare?: readonly string[];
}

/** Checks a preset against what the page offers, so a panel with a mistyped loss fails when it mounts. */
export function checkPreset(p: LabPanelPreset): void {
  const losses = p.losses ?? LAB_LOSSES;
  for (const l of [...losses, ...(p.loss ? [p.loss] : []), ...(p.compare ?? [])])
    if (!(LAB_LOSSES as readonly string[]).includes(l))
      throw new Error(`lab preset ${p.id ?? ''}: unknown loss "${l}": choose ${LAB_LOSSES.join(', ')}`);
  if (p.loss && !losses.includes(p.loss)) throw new Error(`lab preset ${p.id ?? ''}: loss ${p.loss} is not offered`);
  if (p.size && !LAB_MODEL_SIZES[p.size]) throw new Error(`lab preset ${p.id ?? ''}: unknown model size "${p.size}"`);
}
