/**
 * Breaking changes between two JSON Schemas, as a consumer of the data sees them: a property that disappears,
 * a type that no longer admits what it used to, a field that becomes required (old producers do not send it).
 * Additions of optional fields and widened types are compatible and not reported.
 * Not followed: `$ref` targets (compared where they are defined, under `$defs`/`definitions`) and the branches
 * of allOf/anyOf/oneOf.
 */
import type { BreakingChange } from './types.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function types(schema: Json): string[] | undefined {
  const t = schema.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return undefined;
}

function admits(newTypes: string[], oldType: string): boolean {
  // integer values remain valid where the type becomes number.
  return newTypes.includes(oldType) || (oldType === 'integer' && newTypes.includes('number'));
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

export function diffJsonSchema(file: string, before: unknown, after: unknown, base = ''): BreakingChange[] {
  const changes: BreakingChange[] = [];
  walk(before, after, base);
  return changes;

  function walk(oldSchema: unknown, newSchema: unknown, at: string): void {
    if (!isObject(oldSchema) || !isObject(newSchema)) return;
    const label = at || '(root)';

    const oldTypes = types(oldSchema);
    const newTypes = types(newSchema);
    if (oldTypes && newTypes) {
      const lost = oldTypes.filter((t) => !admits(newTypes, t));
      if (lost.length) {
        changes.push({
          file,
          kind: 'type-changed',
          location: label,
          detail: `type of ${label} changed from ${oldTypes.join('|')} to ${newTypes.join('|')}`,
        });
      }
    }

    const oldRequired = new Set(Array.isArray(oldSchema.required) ? oldSchema.required : []);
    const newRequired = Array.isArray(newSchema.required)
      ? newSchema.required.filter((r): r is string => typeof r === 'string')
      : [];
    for (const r of newRequired) {
      if (!oldRequired.has(r))
        changes.push({
          file,
          kind: 'required-added',
          location: join(at, r),
          detail: `${join(at, r)} is newly required`,
        });
    }

    const oldProps = isObject(oldSchema.properties) ? oldSchema.properties : {};
    const newProps = isObject(newSchema.properties) ? newSchema.properties : {};
    for (const key of Object.keys(oldProps)) {
      if (!(key in newProps)) {
        changes.push({
          file,
          kind: 'field-removed',
          location: join(at, key),
          detail: `field ${join(at, key)} removed`,
        });
      } else {
        walk(oldProps[key], newProps[key], join(at, key));
      }
    }

    if (isObject(oldSchema.items) && isObject(newSchema.items))
      walk(oldSchema.items, newSchema.items, `${label === '(root)' ? '' : at}[]`);

    for (const defsKey of ['$defs', 'definitions'] as const) {
      const oldDefs = isObject(oldSchema[defsKey]) ? (oldSchema[defsKey] as Json) : {};
      const newDefs = isObject(newSchema[defsKey]) ? (newSchema[defsKey] as Json) : {};
      for (const name of Object.keys(oldDefs)) {
        const where = `${defsKey}.${name}`;
        if (!(name in newDefs))
          changes.push({
            file,
            kind: 'schema-removed',
            location: where,
            detail: `definition ${where} removed`,
          });
        else walk(oldDefs[name], newDefs[name], where);
      }
    }
  }
}
