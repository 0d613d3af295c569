export * from './pairTable.js';
export * from './arrowFile.js';
export * from './jsonl.js';
export * from './hfParquet.js';
export * from './pairRecords.js';
