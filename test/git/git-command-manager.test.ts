import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitAuth, httpOrigin } from '../../src/git/auth.js';
import { exitCodeFor, failureReport } from '../../src/config/errors.js';
import {
  createGitCommandManager,
  GitCommandError,
  RemoteUnreachableError,
} from '../../src/git/git-command-manager.js';
import { defaultEvidenceRemote, isGitUrl, normalizeRemote } from '../../src/git/remote.js';
import { bareRepository, tempRoot } from './helpers.js';

const tmp = tempRoot('gcm-');
const git0 = (args: string[]) => Promise.resolve(execFileSync('git', args, { stdio: 'pipe' }));
afterAll(() => tmp.cleanup());

describe('git auth', () => {
  it('scopes the extraheader to the remote origin, through GIT_CONFIG_* env only', () => {
    const auth = createGitAuth('https://github.example.com/acme/spark.git', 'tok_12345', {});
    expect(auth.env).toEqual({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://github.example.com/.extraheader',
      GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${Buffer.from('x-access-token:tok_12345').toString('base64')}`,
    });
    expect(auth.mask(`x tok_12345 ${Buffer.from('x-access-token:tok_12345').toString('base64')}`)).toBe(
      'x *** ***',
    );
  });

  it('keeps GIT_CONFIG_* entries already in the environment', () => {
    const auth = createGitAuth('https://github.com/a/b.git', 'tok_12345', { GIT_CONFIG_COUNT: '2' });
    expect(auth.env.GIT_CONFIG_COUNT).toBe('3');
    expect(auth.env.GIT_CONFIG_KEY_2).toBe('http.https://github.com/.extraheader');
  });

  it('sends nothing to non-http remotes and without a token', () => {
    expect(createGitAuth('/srv/git/x.git', 'tok_12345', {}).env).toEqual({});
    expect(createGitAuth('https://github.com/a/b.git', undefined, {}).env).toEqual({});
    expect(httpOrigin('git@github.com:a/b.git')).toBeNull();
  });
});

describe('remotes', () => {
  it('tells URLs from paths and makes paths absolute file URLs', () => {
    expect(isGitUrl('https://github.com/a/b.git')).toBe(true);
    expect(isGitUrl('git@github.com:a/b.git')).toBe(true);
    expect(isGitUrl('./evidence.git')).toBe(false);
    expect(normalizeRemote('x.git', '/srv')).toBe('file:///srv/x.git');
    expect(() => normalizeRemote('  ')).toThrow(/evidence-remote/);
  });

  it('defaults to the repository of the run on its server', () => {
    expect(defaultEvidenceRemote({ GITHUB_REPOSITORY: 'acme/spark' })).toBe(
      'https://github.com/acme/spark.git',
    );
    expect(
      defaultEvidenceRemote({ GITHUB_REPOSITORY: 'acme/spark', GITHUB_SERVER_URL: 'https://ghe.acme.io/' }),
    ).toBe('https://ghe.acme.io/acme/spark.git');
    expect(() => defaultEvidenceRemote({})).toThrow(/GITHUB_REPOSITORY is not set/);
  });
});

describe('git command manager', () => {
  it('runs real git: orphan branch, commit with a message from stdin, push, read back', async () => {
    const remote = bareRepository(tmp.dir);
    const work = path.join(tmp.dir, 'w');
    execFileSync('mkdir', [work]);
    const lines: string[] = [];
    const git = createGitCommandManager({
      workingDirectory: work,
      remote: `file://${remote}`,
      log: (l) => lines.push(l),
    });
    await git.init();
    expect(await git.remoteBranchSha('ev')).toBeNull();
    expect(await git.fetchBranchIfExists('ev', 1)).toBeNull();
    await git.startOrphan('ev');
    writeFileSync(path.join(work, 'a.txt'), 'a\n');
    await git.stagePaths(['a.txt']);
    expect(await git.hasStagedChanges()).toBe(true);
    const sha = await git.commit('--not-an-option\n\nbody', { name: 'n', email: 'e@x' });
    expect(await git.push('ev')).toEqual({ status: 'pushed' });
    expect(await git.remoteBranchSha('ev')).toBe(sha);
    expect(await git.fetchBranchIfExists('ev', 1)).toBe(sha);
    // A fresh folder opened on the branch is its tip, checked out; on a missing branch, an empty repository.
    const opened = createGitCommandManager({
      workingDirectory: path.join(tmp.dir, 'o'),
      remote: `file://${remote}`,
    });
    execFileSync('mkdir', [opened.workingDirectory]);
    expect(await opened.openBranch('ev')).toBe(sha);
    expect(readFileSync(path.join(opened.workingDirectory, 'a.txt'), 'utf8')).toBe('a\n');
    const empty = createGitCommandManager({
      workingDirectory: path.join(tmp.dir, 'e'),
      remote: `file://${remote}`,
    });
    execFileSync('mkdir', [empty.workingDirectory]);
    expect(await empty.openBranch('missing')).toBeNull();
    expect((await empty.exec(['remote', 'get-url', 'origin'])).stdout.trim()).toBe(`file://${remote}`);
    expect(await git.showFile(sha, 'a.txt')).toBe('a\n');
    expect(await git.showFile(sha, 'missing.txt')).toBeNull();
    expect(await git.listFiles(sha)).toEqual(['a.txt']);
    expect((await git.exec(['log', '-1', '--format=%B'])).stdout).toBe('--not-an-option\n\nbody\n\n');
    expect(lines).toContain('git push --porcelain origin HEAD:refs/heads/ev');
  });

  it("throws GitCommandError with git's message when a command fails", async () => {
    const git = createGitCommandManager({ workingDirectory: tmp.dir, remote: 'file:///nonexistent/x.git' });
    await expect(git.exec(['init', '--quiet', 'r'])).resolves.toMatchObject({ exitCode: 0 });
    const inRepo = createGitCommandManager({
      workingDirectory: path.join(tmp.dir, 'r'),
      remote: 'file:///nonexistent/x.git',
    });
    await expect(inRepo.revParse('no-such-ref')).rejects.toThrow(GitCommandError);
    await expect(inRepo.revParse('no-such-ref')).rejects.toThrow(/git rev-parse --verify no-such-ref/);
  });

  it('an unreachable remote is a precondition the user fixes: named plainly, exit 2, never "no such branch"', async () => {
    await git0(['init', '--quiet', path.join(tmp.dir, 'u')]);
    const missing = createGitCommandManager({
      workingDirectory: path.join(tmp.dir, 'u'),
      remote: 'file:///nonexistent/x.git',
    });
    await missing.exec(['remote', 'add', 'origin', 'file:///nonexistent/x.git']);
    for (const call of [() => missing.remoteBranchSha('x'), () => missing.fetchBranchIfExists('x')]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RemoteUnreachableError);
      expect(exitCodeFor(error)).toBe(2);
      expect(failureReport(error, 'freeze-window', false)).not.toContain('internal error');
      expect(String(error)).toMatch(
        /the git remote file:\/\/\/nonexistent\/x\.git cannot be reached \(git (ls-remote|fetch)\): .*(does not appear to be a git repository|Could not read)/,
      );
    }
    // An HTTP remote with nobody listening, given with credentials in its URL: they are not repeated.
    const refused = createGitCommandManager({
      workingDirectory: path.join(tmp.dir, 'v'),
      remote: 'http://someone:s3cret@127.0.0.1:9/o/r.git',
      timeoutMs: 20_000,
    });
    mkdirSync(path.join(tmp.dir, 'v'));
    const error = await refused.openBranch('ev').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RemoteUnreachableError);
    expect(String(error)).toContain(
      'the git remote http://127.0.0.1:9/o/r.git cannot be reached (git clone)',
    );
    expect(String(error)).not.toContain('s3cret');
  });
});
