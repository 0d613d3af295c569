// Configuration in one place: every default (defaults.ts) and every environment variable (env.ts).
export * from './defaults.js';
export * from './env.js';
