export * from './auth.js';
export * from './remote.js';
export * from './git-command-manager.js';
