import { describe, expect, it } from 'vitest';
import { classifyPull, needsFiles } from '../../src/freeze/classify.js';
import { FREEZE } from './support.js';

const pr = (labels: string[]) => ({ labels });

describe('classifyPull (reference plan freeze section)', () => {
  it('holds a PR with a block label even when it also carries an allow label (block wins)', () => {
    const v = classifyPull(pr(['hotfix', 'schema-migration']), null, FREEZE);
    expect(v).toMatchObject({ class: 'held', blocked: true, labels: ['schema-migration'] });
    expect(v.reason).toContain('schema-migration');
  });

  it('allows a PR with an allow label, matched case-insensitively like GitHub label names', () => {
    expect(classifyPull(pr(['HotFix']), null, FREEZE)).toMatchObject({
      class: 'allowed',
      blocked: false,
      labels: ['hotfix'],
    });
    expect(needsFiles(pr(['HotFix']), FREEZE)).toBe(false);
  });

  it('allows a docs-only change and holds one with a single file outside allow.paths_only', () => {
    expect(
      classifyPull(
        pr([]),
        [{ filename: 'docs/a.md' }, { filename: 'README.md' }, { filename: 'src/x/NOTES.md' }],
        FREEZE,
      ).class,
    ).toBe('allowed');
    const held = classifyPull(
      pr([]),
      [{ filename: 'docs/a.md' }, { filename: 'schemas/orders.json' }],
      FREEZE,
    );
    expect(held).toMatchObject({ class: 'held', blocked: false });
    expect(held.reason).toContain('schemas/orders.json');
  });

  it('holds a rename out of src/ into docs/: the old path changes too', () => {
    const v = classifyPull(
      pr([]),
      [{ filename: 'docs/handler.md', previousFilename: 'src/handler.ts' }],
      FREEZE,
    );
    expect(v.class).toBe('held');
    expect(v.reason).toContain('src/handler.ts');
  });

  it('never calls an empty or possibly truncated file list docs-only (fail closed)', () => {
    expect(classifyPull(pr([]), [], FREEZE).class).toBe('held');
    const many = Array.from({ length: 3000 }, (_, i) => ({ filename: `docs/${i}.md` }));
    expect(classifyPull(pr([]), many, FREEZE).class).toBe('held');
  });

  it('holds everything without an allow label when paths_only is empty, and needs no files then', () => {
    const noPaths = { ...FREEZE, allow: { labels: ['hotfix'], paths_only: [] } };
    expect(needsFiles(pr([]), noPaths)).toBe(false);
    expect(classifyPull(pr([]), null, noPaths)).toMatchObject({ class: 'held', reason: 'no allow label' });
  });

  it('refuses to guess when files are needed but not given', () => {
    expect(() => classifyPull(pr([]), null, FREEZE)).toThrow(/changed files are needed/);
  });
});
