export * from './schema.js';
export * from './errors.js';
export * from './duration.js';
export * from './template.js';
export * from './validate.js';
export * from './load.js';
export * from './render.js';
export { planJsonSchema } from './json-schema.js';
