/** The JSON Schema of the plan, generated from the zod schemas (editors use it through yaml-language-server). */
import { z } from 'zod';
import { ReleasePlanSchema } from './schema.js';

export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ReleasePlanSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as Record<string, unknown>;
  return { ...schema, $id: 'https://github.com/canary-conductor/canary-conductor/schema/canary.schema.json' };
}
