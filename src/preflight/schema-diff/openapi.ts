/**
 * Breaking changes between two OpenAPI documents: a removed path or operation (clients calling it get 404/405),
 * and, inside `components.schemas` (OpenAPI 3) or `definitions` (Swagger 2), a removed schema or the JSON Schema
 * breaks of diffJsonSchema.
 */
import { diffJsonSchema } from './json-schema.js';
import type { BreakingChange } from './types.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function isOpenApi(doc: unknown): boolean {
  return isObject(doc) && (typeof doc.openapi === 'string' || typeof doc.swagger === 'string');
}

export function diffOpenApi(file: string, before: Json, after: Json): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const oldPaths = isObject(before.paths) ? before.paths : {};
  const newPaths = isObject(after.paths) ? after.paths : {};
  for (const [p, oldItem] of Object.entries(oldPaths)) {
    if (!(p in newPaths)) {
      changes.push({ file, kind: 'path-removed', location: p, detail: `path ${p} removed` });
      continue;
    }
    const newItem = newPaths[p];
    if (!isObject(oldItem) || !isObject(newItem)) continue;
    for (const m of METHODS) {
      if (m in oldItem && !(m in newItem)) {
        changes.push({
          file,
          kind: 'operation-removed',
          location: `${m.toUpperCase()} ${p}`,
          detail: `operation ${m.toUpperCase()} ${p} removed`,
        });
      }
    }
  }
  const schemasOf = (doc: Json): Json => {
    const components = isObject(doc.components) ? doc.components : {};
    if (isObject(components.schemas)) return components.schemas;
    return isObject(doc.definitions) ? doc.definitions : {};
  };
  const prefix = isObject(before.components) ? 'components.schemas' : 'definitions';
  const oldSchemas = schemasOf(before);
  const newSchemas = schemasOf(after);
  for (const [name, schema] of Object.entries(oldSchemas)) {
    if (!(name in newSchemas)) {
      changes.push({
        file,
        kind: 'schema-removed',
        location: `${prefix}.${name}`,
        detail: `schema ${prefix}.${name} removed`,
      });
    } else {
      changes.push(...diffJsonSchema(file, schema, newSchemas[name], name));
    }
  }
  return changes;
}
