export * from './masker.js';
export * from './plan-secrets.js';
