// Tiny pairs shared by the format tests: one bare pair, one with every optional field, unicode and a multi-turn prompt.
import type { PreferencePair } from '../../../src/data/schema.js';

export const bare: PreferencePair = {
  id: 'toy:0',
  source: 'toy',
  prompt: [{ role: 'user', content: 'What is 2+2?' }],
  chosen: '4',
  rejected: '5',
};

export const full: PreferencePair = {
  id: 'toy:1',
  source: 'toy',
  prompt: [
    { role: 'system', content: 'Réponds en français.' },
    { role: 'user', content: 'Bonjour 👋, ça va ?' },
    { role: 'assistant', content: 'Oui! 日本語も話せます。' },
    { role: 'user', content: 'Et "toi"?\nLigne 2\ttab' },
  ],
  chosen: 'Très bien, merci — 🙂',
  rejected: 'Non.',
  margin: 2.5,
  chosenScore: 0.125,
  rejectedScore: -1,
  category: 'Coding & Debugging',
  chosenModel: 'model-α',
  rejectedModel: 'model-β',
  split: 'train',
  subset: 'mt-bench-hard',
  meta: { zeta: null, alpha: 1, flag: true, note: 'ünïcödé' },
};

export const pairs: PreferencePair[] = [bare, full];
