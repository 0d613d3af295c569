export * from './hub.js';
export * from './helpSteer2.js';
export * from './offsetBias.js';
export * from './wildGuardMix.js';
export * from './magpieDpo.js';
export * from './preferenceSets.js';
export * from './catalog.js';
