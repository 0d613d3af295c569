export * from './schedule.js';
export * from './config.js';
export * from './metrics.js';
export * from './checkpoint.js';
export * from './runRecord.js';
export * from './trainer.js';
export * from './readPairs.js';
export * from './trainRun.js';
