export * from './files.js';
export * from './pairTable.js';
export * from './arrowFile.js';
export * from './jsonl.js';
export * from './parquetRows.js';
export * from './hfParquet.js';
export * from './jsonErrorPosition.js';
