export * from './paths.js';
export * from './rng.js';
export * from './hash.js';
export * from './errors.js';
export * from './progress.js';
export * from './atomicWrite.js';
