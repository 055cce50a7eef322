/**
 * The README is what an adopter reads first and finishes: short, and every file it points at exists in the
 * repository (an adopter cannot follow a link to a file that was never committed).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DOCS = ['README.md', 'docs/adopting.md', 'docs/simulate.md'];

describe('README and the adoption docs', () => {
  it('the README is under 15 KB', () => {
    expect(statSync('README.md').size).toBeLessThan(15 * 1024);
  });

  it('the README links only to files in the repository', () => {
    const file = 'README.md';
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1]!)
      .filter((t) => !/^[a-z]+:/.test(t));
    expect(targets.length).toBeGreaterThan(0);
    const missing = targets.filter((t) => !existsSync(path.join(path.dirname(file), t)));
    expect(missing).toEqual([]);
  });

  it.each(DOCS)('%s names no file or runbook outside the repository', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/PRODUCT\.md|\bseeds?\/|\bseed 0\d\d/);
  });
});
