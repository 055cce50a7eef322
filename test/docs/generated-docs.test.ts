import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('generated documentation', () => {
  it('docs/reference (configuration and actions) matches the schema and every action.yml', () => {
    const r = spawnSync(process.execPath, ['scripts/generate-docs.mjs', '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
