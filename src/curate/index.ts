// Curation: the paper's bag of data tricks as pure, seeded functions over pair tables, the recipes, and the mix writer.
export * from './report.js';
export * from './heldOut.js';
export * from './pairs.js';
export * from './votes.js';
export * from './categories.js';
export * from './select.js';
export * from './filter.js';
export * from './decontaminate.js';
export * from './dedup.js';
export * from './mix.js';
export * from './recipes/types.js';
export * from './recipes/paperCounts.js';
export * from './recipes/steps.js';
export * from './recipes/skywork80k.js';
export * from './card.js';
export * from './writeMix.js';
