export * from './importPairs.js';
