export * from './environment.js';
export * from './toyBradleyTerry.js';
export * from './notebookSources.js';
export * from './notebookCuration.js';
export * from './notebookLosses.js';
export * from './notebookTraining.js';
export * from './notebookEvaluation.js';
