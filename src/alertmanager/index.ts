export * from './client.js';
export * from './silence.js';
