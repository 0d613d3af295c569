export * from './schema.js';
export * from './loadReport.js';
export * from './sources.js';
export * from './loaders/index.js';
