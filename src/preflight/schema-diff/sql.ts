/**
 * Breaking statements in a SQL migration: DROP TABLE, ALTER TABLE ... DROP COLUMN, ALTER COLUMN ... TYPE
 * (PostgreSQL `TYPE` / `SET DATA TYPE`, MySQL `MODIFY COLUMN`), RENAME COLUMN and table renames. Each is a
 * change that running readers of the old schema do not survive.
 * A statement-level scan, not a SQL parser: comments and string literals are removed first so `-- DROP TABLE`
 * in a comment is not reported; dynamic SQL inside functions is not seen.
 */
import type { BreakingChange } from './types.js';

function stripCommentsAndStrings(sql: string): string {
  return sql
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** Splits on commas outside parentheses (ALTER TABLE t DROP COLUMN a, DROP COLUMN b). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const IDENT = String.raw`((?:"[^"]+"|\x60[^\x60]+\x60|[\w$]+)(?:\.(?:"[^"]+"|\x60[^\x60]+\x60|[\w$]+))?)`;
const unquote = (name: string) => name.replace(/["`]/g, '');

export function breakingSqlChanges(file: string, sql: string): BreakingChange[] {
  const changes: BreakingChange[] = [];
  const statements = stripCommentsAndStrings(sql)
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const dropTable = new RegExp(String.raw`^DROP TABLE (?:IF EXISTS )?(.+?)(?: CASCADE| RESTRICT)?$`, 'i');
  const alterTable = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${IDENT} (.+)$`, 'i');
  for (const statement of statements) {
    const drop = dropTable.exec(statement);
    if (drop) {
      for (const table of splitTopLevel(drop[1]!)) {
        const name = unquote(table);
        changes.push({ file, kind: 'drop-table', location: name, detail: `DROP TABLE ${name}` });
      }
      continue;
    }
    const alter = alterTable.exec(statement);
    if (!alter) continue;
    const table = unquote(alter[1]!);
    for (const action of splitTopLevel(alter[2]!)) {
      let m: RegExpExecArray | null;
      if (
        (m = new RegExp(String.raw`^DROP (?:COLUMN )?(?:IF EXISTS )?${IDENT}`, 'i').exec(action)) &&
        !/^DROP (CONSTRAINT|INDEX|DEFAULT|NOT NULL|PRIMARY|FOREIGN|KEY)\b/i.test(action)
      ) {
        const column = unquote(m[1]!);
        changes.push({
          file,
          kind: 'drop-column',
          location: `${table}.${column}`,
          detail: `DROP COLUMN ${table}.${column}`,
        });
      } else if (
        (m = new RegExp(String.raw`^ALTER (?:COLUMN )?${IDENT} (?:SET DATA )?TYPE (.+)$`, 'i').exec(action))
      ) {
        const column = unquote(m[1]!);
        changes.push({
          file,
          kind: 'alter-column-type',
          location: `${table}.${column}`,
          detail: `ALTER COLUMN ${table}.${column} TYPE ${m[2]!.trim()}`,
        });
      } else if ((m = new RegExp(String.raw`^MODIFY (?:COLUMN )?${IDENT} (.+)$`, 'i').exec(action))) {
        const column = unquote(m[1]!);
        changes.push({
          file,
          kind: 'alter-column-type',
          location: `${table}.${column}`,
          detail: `MODIFY COLUMN ${table}.${column} ${m[2]!.trim()}`,
        });
      } else if ((m = new RegExp(String.raw`^RENAME TO ${IDENT}`, 'i').exec(action))) {
        changes.push({
          file,
          kind: 'rename-table',
          location: table,
          detail: `RENAME TABLE ${table} TO ${unquote(m[1]!)}`,
        });
      } else if ((m = new RegExp(String.raw`^RENAME (?:COLUMN )?${IDENT} TO ${IDENT}`, 'i').exec(action))) {
        const [from, to] = [unquote(m[1]!), unquote(m[2]!)];
        changes.push({
          file,
          kind: 'rename-column',
          location: `${table}.${from}`,
          detail: `RENAME COLUMN ${table}.${from} TO ${to}`,
        });
      }
    }
  }
  return changes;
}
