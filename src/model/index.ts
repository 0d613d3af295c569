export * from './types.js';
export * from './trainable.js';
