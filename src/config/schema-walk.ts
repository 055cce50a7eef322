/**
 * Finds the keys a strict object accepts at a YAML path, so an unknown key can be answered with
 * "did you mean ...". zod reports the unknown key but not the known ones.
 */
import type { z } from 'zod';
import { ReleasePlanSchema } from './schema.js';

type AnySchema = z.core.$ZodType;

function unwrap(s: AnySchema): AnySchema[] {
  const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'prefault':
    case 'nonoptional':
      return unwrap(def.innerType as AnySchema);
    case 'pipe':
      return unwrap(def.in as AnySchema);
    case 'union':
      return (def.options as AnySchema[]).flatMap(unwrap);
    default:
      return [s];
  }
}

function child(s: AnySchema, key: string | number): AnySchema[] {
  const out: AnySchema[] = [];
  for (const u of unwrap(s)) {
    const def = (u as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object' && typeof key === 'string') {
      const shape = def.shape as Record<string, AnySchema>;
      if (shape[key]) out.push(shape[key]);
    } else if (def.type === 'array' && typeof key === 'number') {
      out.push(def.element as AnySchema);
    } else if (def.type === 'record') {
      out.push(def.valueType as AnySchema);
    }
  }
  return out;
}

export function shapeKeysAt(path: (string | number)[]): string[] {
  let current: AnySchema[] = [ReleasePlanSchema];
  for (const k of path) current = current.flatMap((s) => child(s, k));
  const keys = new Set<string>();
  for (const s of current.flatMap(unwrap)) {
    const def = (s as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
    if (def.type === 'object') for (const k of Object.keys(def.shape as object)) keys.add(k);
  }
  return [...keys];
}
