export * from './schema.js';
export * from './rewardbenchSections.js';
export * from './judgebenchPaper.js';
export * from './wordTokens.js';
export * from './heldOut.js';
export * from './loadReport.js';
export * from './sources.js';
export * from './loaders/index.js';
export * from './validate.js';
export * from './io/index.js';
export * from './import/index.js';
export * from './hf/index.js';
// The record readers; the field getters and the row walker stay internal to the loaders.
export {
  RowProblem,
  readRecords,
  detectFormat,
  readText,
  type ReadOptions,
  type RawRecord,
  type SourceRecord,
  type RecordFormat,
} from './read/index.js';
