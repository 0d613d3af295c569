// The one output rule every command that writes follows, as a small library: the lock (one writer, stale locks
// of dead processes removed), ownership markers (only what the same kind of output wrote is replaced), the input
// guard (never write onto what the command reads), staged folders published in one swap (old complete set or new
// complete set), single files written atomically, and clean-up of temporaries on every exit path.
export * from './errors.js';
export * from './names.js';
export * from './marker.js';
export * from './inputs.js';
export * from './lock.js';
export * from './onExit.js';
export { currentCommand, isRunning } from './owner.js';
export * from './swap.js';
export * from './sweep.js';
export * from './folderOutput.js';
export * from './fileOutput.js';
