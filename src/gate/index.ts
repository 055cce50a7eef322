/** The gate engine: pure evaluation and decisions, the stage loop, the war-room line and the backtest. */
export * from './types.js';
export * from './evaluate.js';
export * from './stage-run.js';
export * from './warroom.js';
export * from './query.js';
export * from './metric-names.js';
export * from './thresholds.js';
export * from './trend.js';
export * from './backtest.js';
export * from './ratio-counts.js';
