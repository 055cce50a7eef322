/**
 * Finds breaking changes in the schema files changed since a ref. Each changed file under the check's globs
 * is classified by its name and content: `.sql` files are migrations (only files added since the ref are
 * scanned: an edited old migration has already run, and its text no longer says what will run);
 * `.json`/`.yaml`/`.yml` documents are OpenAPI when they have `openapi:`/`swagger:`, else JSON Schema.
 * A deleted schema file is itself a breaking change.
 */
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { GitReader } from '../git.js';
import type { ChangedFile } from '../git.js';
import { diffJsonSchema } from './json-schema.js';
import { diffOpenApi, isOpenApi } from './openapi.js';
import { breakingSqlChanges } from './sql.js';
import type { BreakingChange } from './types.js';

export interface SchemaDiffOutcome {
  changes: BreakingChange[];
  /** Files under the globs that were compared. */
  compared: string[];
  /** Files under the globs that are neither a migration nor a schema document, with why. */
  skipped: Array<{ path: string; reason: string }>;
}

function parseDocument(text: string, path: string): unknown {
  return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

export async function diffSchemaFiles(
  git: GitReader,
  since: string,
  changed: ChangedFile[],
  globs: string[],
): Promise<SchemaDiffOutcome> {
  const matches = picomatch(globs, { dot: true });
  const outcome: SchemaDiffOutcome = { changes: [], compared: [], skipped: [] };
  for (const file of changed.filter((f) => matches(f.path))) {
    const lower = file.path.toLowerCase();
    if (lower.endsWith('.sql')) {
      if (file.status !== 'A') {
        outcome.skipped.push({
          path: file.path,
          reason:
            file.status === 'D'
              ? 'migration deleted'
              : 'existing migration edited (only new migrations are scanned)',
        });
        continue;
      }
      const text = await git.show('HEAD', file.path);
      outcome.compared.push(file.path);
      outcome.changes.push(...breakingSqlChanges(file.path, text ?? ''));
      continue;
    }
    if (!/\.(json|ya?ml)$/.test(lower)) {
      outcome.skipped.push({ path: file.path, reason: 'not a .json/.yaml/.yml schema or .sql migration' });
      continue;
    }
    if (file.status === 'A') {
      outcome.compared.push(file.path);
      continue; // a new document breaks no existing reader
    }
    if (file.status === 'D') {
      outcome.compared.push(file.path);
      outcome.changes.push({
        file: file.path,
        kind: 'file-removed',
        location: file.path,
        detail: `schema file ${file.path} removed`,
      });
      continue;
    }
    const [beforeText, afterText] = await Promise.all([
      git.show(since, file.path),
      git.show('HEAD', file.path),
    ]);
    let before: unknown;
    let after: unknown;
    try {
      before = parseDocument(beforeText ?? '', file.path);
      after = parseDocument(afterText ?? '', file.path);
    } catch (e) {
      // An unparseable schema cannot be shown to be compatible: report it rather than skip it.
      outcome.changes.push({
        file: file.path,
        kind: 'type-changed',
        location: file.path,
        detail: `${file.path} cannot be parsed at HEAD or ${since} (${(e as Error).message.split('\n')[0]})`,
      });
      continue;
    }
    outcome.compared.push(file.path);
    if (isOpenApi(before) && isOpenApi(after)) {
      outcome.changes.push(
        ...diffOpenApi(file.path, before as Record<string, unknown>, after as Record<string, unknown>),
      );
    } else {
      outcome.changes.push(...diffJsonSchema(file.path, before, after));
    }
  }
  return outcome;
}
