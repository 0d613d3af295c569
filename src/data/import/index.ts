export * from './csv.js';
export * from './records.js';
export * from './importPairs.js';
