/**
 * Release freeze: hold open pull requests while a release is in flight (T-30 to T+24h).
 * Semantics in docs/freeze.md.
 */
export * from './classify.js';
export * from './state.js';
export * from './pacer.js';
export * from './state-store.js';
export * from './evidence.js';
export * from './events.js';
export * from './messages.js';
export * from './run-context.js';
export * from './pull-ops.js';
export * from './start.js';
export * from './end.js';
export * from './guard.js';
export * from './status.js';
export * from './run.js';
export * from './report.js';
