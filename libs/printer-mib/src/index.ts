export * from './types.js';
export * from './walk-formats/index.js';
