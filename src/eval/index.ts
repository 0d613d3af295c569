export * from './rewardbenchConstants.js';
export * from './rewardbenchScore.js';
