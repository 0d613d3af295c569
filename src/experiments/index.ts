// Experiments: the paper's ablations replayed at workbench scale (plan as data), run over seeds on a worker pool
// with content-hash reuse, aggregated into the report's result files, and the reproduce pipeline.
export * from './plan.js';
export * from './presets.js';
export * from './contentHash.js';
export * from './evalSuite.js';
export * from './mixes.js';
export * from './runs.js';
export * from './jobs.js';
export * from './pool.js';
export * from './runner.js';
export * from './aggregate.js';
export * from './figure.js';
export * from './results.js';
export * from './format.js';
export * from './tables.js';
export * from './verdictText.js';
export * from './conclusions.js';
export * from './writeResults.js';
export * from './reproduce.js';
export * from './headline.js';
export * from './signal.js';
export * from './collect.js';
export * from './readmeResults.js';
export * from './transformerSizing.js';
export * from './transformerAblation.js';
export * from './transformerConclusions.js';
