export * from './counters.js';
export * from './device-vocabulary.js';
export * from './meter-readings.js';
export * from './usage.js';
export * from './supply-forecast.js';
export * from './replenishment.js';
export * from './alerts.js';
export * from './supply-level-runs.js';
