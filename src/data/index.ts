export * from './schema.js';
export * from './loadReport.js';
export * from './sources.js';
export * from './loaders/index.js';
export * from './validate.js';
export * from './io/index.js';
export * from './import/index.js';
export * from './hf/index.js';
