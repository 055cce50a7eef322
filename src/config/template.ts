/**
 * `{{name}}` placeholders in the plan are rendered from the run's context. The set of names is closed so that a
 * typo such as `{{verison}}` is an error when the plan is validated, not an empty string in a tag at release time.
 */
import { ConfigurationError } from './errors.js';

export const PLACEHOLDERS = [
  'version',
  'weight',
  'track',
  'stage',
  'previous_tag',
  'deployment_id',
  'run_url',
  'service',
  'tag',
  'environment',
  'flow',
  // In metrics.queries only: the instant a sample is read, rendered by the metric source (see metrics/source.ts).
  'time',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type TemplateContext = Partial<Record<PlaceholderName, string | number>>;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
}

/**
 * Renders every placeholder; a placeholder without a value is an error naming it and the field, because a
 * silently empty `{{previous_tag}}` would produce a wrong command or a wrong tag.
 */
export function renderTemplate(text: string, context: TemplateContext, field = 'template'): string {
  return text.replace(PLACEHOLDER, (_all, rawName: string) => {
    const name = rawName as PlaceholderName;
    const value = context[name];
    if (value === undefined || value === null || value === '') {
      throw new ConfigurationError(
        `${field}: {{${rawName}}} has no value in this run (known here: ${
          Object.keys(context)
            .filter((k) => context[k as PlaceholderName] !== undefined)
            .join(', ') || 'none'
        })`,
      );
    }
    return String(value);
  });
}
