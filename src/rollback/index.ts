export * from './run-rollback.js';
export * from './incident.js';
