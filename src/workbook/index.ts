// Helpers for the notebooks: what they display and how.
export * from './display.js';
export * from './exercises.js';
export * from './notebookMix.js';
