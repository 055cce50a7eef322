export * from './auth.js';
export * from './remote.js';
export * from './git-command-manager.js';
export * from './push-loop.js';
