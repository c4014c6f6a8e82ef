export * from './counters.js';
