import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The configuration reference is generated from the schema's descriptions (generated-docs.test.ts keeps it in
 * step with the schema), so a key added without a description shows up here as an empty Meaning cell.
 */
function referenceRows(): Array<{ key: string; meaning: string }> {
  const text = readFileSync('docs/reference/configuration.md', 'utf8');
  const header = '| Key | Type | Required | Default | Meaning |';
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start < 0) throw new Error(`docs/reference/configuration.md has no table headed ${header}`);
  const rows: Array<{ key: string; meaning: string }> = [];
  // Row cells are split on pipes that are not escaped (`\|` appears inside meanings such as |canary - baseline|).
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    rows.push({ key: cells[0]!, meaning: cells[4] ?? '' });
  }
  return rows;
}

describe('configuration reference', () => {
  it('gives every key of the plan a meaning', () => {
    const rows = referenceRows();
    // The plan has well over a hundred keys; a table cut short would pass the check below without showing it.
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.every((r) => r.key.startsWith('`'))).toBe(true);
    const withoutMeaning = rows.filter((r) => r.meaning === '').map((r) => r.key);
    expect(
      withoutMeaning,
      'keys whose Meaning cell is empty (add a description in src/config/schema.ts)',
    ).toEqual([]);
  });
});
