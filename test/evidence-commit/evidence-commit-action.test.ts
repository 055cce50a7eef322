import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAction } from '../support/run-action.js';
import { execGit } from '../support/git.js';

const git = (cwd: string, ...args: string[]) => execGit(args, { cwd, encoding: 'utf8' }).trim();

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-commit-'));
  mkdirSync(join(dir, '.github'));
  cpSync('test/fixtures/reference-plan.yml', join(dir, '.github/canary.yml'));
  mkdirSync(join(dir, 'out/nested'), { recursive: true });
  writeFileSync(join(dir, 'out/preflight.txt'), 'preflight 8/8 PASS\n');
  writeFileSync(join(dir, 'out/nested/extra.txt'), 'nested\n');
  const bare = join(dir, 'evidence.git');
  git(dir, 'init', '--bare', '-q', bare);
  return { dir, bare };
}

describe('the evidence-commit action, run as the runner runs it', () => {
  it('commits a folder to the evidence branch under the plan’s evidence dir, and a re-run commits nothing', async () => {
    const { dir, bare } = workspace();
    const inputs = { version: '1.4.0', folder: 'out', 'evidence-remote': bare, message: 'preflight results' };
    const first = await runAction('evidence-commit', { cwd: dir, inputs });
    expect(first.exitCode, first.stderr + first.stdout).toBe(0);
    expect(JSON.parse(first.outputs.files!)).toEqual([
      'evidence/1.4.0/nested/extra.txt',
      'evidence/1.4.0/preflight.txt',
    ]);
    expect(git(bare, 'show', 'canary-evidence:evidence/1.4.0/preflight.txt')).toBe('preflight 8/8 PASS');
    const message = git(bare, 'log', '-1', '--format=%B', 'canary-evidence');
    expect(message).toContain('spark-trading-api 1.4.0');
    expect(message).toContain('preflight results');

    const again = await runAction('evidence-commit', { cwd: dir, inputs });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.commit).toBe(first.outputs.commit);
    expect(git(bare, 'rev-list', '--count', 'canary-evidence')).toBe('1');
  });

  it('commits single files to a chosen path; dry-run writes nothing', async () => {
    const { dir, bare } = workspace();
    const dry = await runAction('evidence-commit', {
      cwd: dir,
      inputs: {
        version: '1.4.0',
        files: 'out/preflight.txt',
        path: 'evidence/custom',
        'evidence-remote': bare,
        'dry-run': 'true',
      },
    });
    expect(dry.exitCode).toBe(0);
    expect(JSON.parse(dry.outputs.files!)).toEqual(['evidence/custom/preflight.txt']);
    expect(() => git(bare, 'rev-parse', '--verify', 'canary-evidence')).toThrow();

    const real = await runAction('evidence-commit', {
      cwd: dir,
      inputs: {
        version: '1.4.0',
        files: 'out/preflight.txt',
        path: 'evidence/custom',
        'evidence-remote': bare,
      },
    });
    expect(real.exitCode).toBe(0);
    expect(git(bare, 'show', 'canary-evidence:evidence/custom/preflight.txt')).toBe('preflight 8/8 PASS');
  });

  it('bad input names the input and what was expected', async () => {
    const { dir, bare } = workspace();
    const none = await runAction('evidence-commit', {
      cwd: dir,
      inputs: { version: '1.4.0', 'evidence-remote': bare },
    });
    expect(none.exitCode).toBe(1);
    expect(none.annotations.map((a) => a.message).join('\n')).toMatch(/input files or folder is required/);
    const missing = await runAction('evidence-commit', {
      cwd: dir,
      inputs: { version: '1.4.0', files: 'nope.txt', 'evidence-remote': bare },
    });
    expect(missing.annotations.map((a) => a.message).join('\n')).toMatch(
      /input files: nope\.txt is not a file in the workspace/,
    );
    const version = await runAction('evidence-commit', {
      cwd: dir,
      inputs: { version: '1.4 beta', folder: 'out', 'evidence-remote': bare },
    });
    expect(version.annotations.map((a) => a.message).join('\n')).toMatch(
      /input version "1\.4 beta" is not valid/,
    );
  });
});
