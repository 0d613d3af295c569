// The run folder's file names and record format that the trainer itself needs (no file access here: runFolder.ts
// reads and writes the folder in Node).
export const WEIGHTS_FILE = 'weights.bin';
export const RUN_RECORD_FORMAT = 'rmw-run/1';
