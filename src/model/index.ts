export * from './types.js';
export * from './trainable.js';
export * from './backend.js';
export * from './tfjsGradients.js';
export * from './environment.js';
export * from './toyBradleyTerry.js';
