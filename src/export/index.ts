// Scale-up: training jobs for TRL and OpenRLHF from a curated mix, benchmarks for outside models to score, and their
// rewards evaluated and recorded here.
export * from './baseModels.js';
export * from './hparams.js';
export * from './mixStats.js';
export * from './cost.js';
export * from './jobPlan.js';
export * from './jobFolder.js';
export * from './engineData.js';
export * from './trl.js';
export * from './openrlhf.js';
export * from './jobReadme.js';
export * from './docs.js';
export * from './exportJob.js';
export * from './exportLoss.js';
export * from './openrlhfEras.js';
export * from './rewardPosition.js';
export * from './roleOrder.js';
export * from './dataCard.js';
export * from './scoreChecks.js';
export * from './againstReference.js';
export * from './exportBench.js';
export * from './externalResults.js';
