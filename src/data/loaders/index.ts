// Loaders of the real offline source files (data/sources.json): one small module per source format.
export * from './read.js';
export * from './merge.js';
export * from './llmbar.js';
export * from './humanEvalPack.js';
export * from './xstest.js';
export * from './rmBench.js';
export * from './judgeBench.js';
export * from './mtBench.js';
