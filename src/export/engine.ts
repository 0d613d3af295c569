// The two engines an export writes a job for.
export type Engine = 'trl' | 'openrlhf';
