// The workbench library: configuration -> data -> curation -> losses -> models -> training -> evaluation -> reports,
// and the scale-up road (export: jobs for GPU engines, benchmarks out, external scores in).
export * from './config/index.js';
export * from './util/index.js';
export * from './data/index.js';
export * from './curate/index.js';
export * from './losses/index.js';
export * from './model/index.js';
export * from './train/index.js';
export * from './eval/index.js';
export * from './report/index.js';
export * from './workbook/index.js';
export * from './experiments/index.js';
export * from './export/index.js';
