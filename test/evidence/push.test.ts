import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import { EvidencePushError, EvidenceSealedError, EvidenceSymlinkError } from '../../src/evidence/errors.js';
import { evidenceCommitMessage, pushEvidence } from '../../src/evidence/push.js';
import { decisionLogChange } from '../../src/evidence/record-decision.js';
import { createGitCommandManager, type GitCommandManagerFactory } from '../../src/git/git-command-manager.js';
import { bareRepository, fixedClock, git, tempRoot } from '../git/helpers.js';
import { decision } from './fixtures.js';
import { execGit } from '../support/git.js';

let tmp: ReturnType<typeof tempRoot>;
let remote: string;
beforeEach(() => {
  tmp = tempRoot('push-');
  remote = bareRepository(tmp.dir);
});
afterEach(() => tmp.cleanup());

const branchLog = (format = '%H %P %s'): string[] =>
  git(remote, 'log', `--format=${format}`, 'canary-evidence').trim().split('\n').filter(Boolean);
const show = (file: string): string => git(remote, 'show', `canary-evidence:${file}`);

describe('pushEvidence', () => {
  it('creates the evidence branch as an orphan, one commit naming release, stage and run', async () => {
    // The repository already has a main branch with its own history; evidence must not share it.
    const work = path.join(tmp.dir, 'work');
    execGit(['clone', '--quiet', remote, work]);
    writeFileSync(path.join(work, 'README.md'), 'app\n');
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'app');
    git(work, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');

    const message = evidenceCommitMessage({
      release: 'v1.4.0',
      stage: 'stage 1 pilot (1%)',
      runUrl: 'https://github.com/acme/spark/actions/runs/42',
    });
    const result = await pushEvidence({
      remote,
      branch: 'canary-evidence',
      files: [{ path: 'evidence/1.4.0/rollout_stage_1.txt', content: 'stage 1\n' }],
      message,
      clock: fixedClock('2026-05-16T21:15:00Z'),
    });
    expect(result).toMatchObject({
      attempts: 1,
      changed: true,
      createdBranch: true,
      files: ['evidence/1.4.0/rollout_stage_1.txt'],
    });
    const [line] = branchLog();
    expect(line!.split(' ')[1]).toBe(''); // no parent: an orphan branch
    expect(git(remote, 'log', '-1', '--format=%B', 'canary-evidence')).toBe(`${message}\n`);
    expect(message).toMatch(/v1\.4\.0[\s\S]*stage 1 pilot[\s\S]*actions\/runs\/42/);
    expect(git(remote, 'log', '-1', '--format=%aI %an', 'canary-evidence').trim()).toBe(
      '2026-05-16T21:15:00+00:00 canary-conductor[bot]',
    );
    expect(git(remote, 'rev-parse', 'canary-evidence').trim()).toBe(result.commit);
    // The file, and the evidence index entry naming it with its digest.
    expect(git(remote, 'ls-tree', '-r', '--name-only', 'canary-evidence').trim().split('\n')).toEqual([
      'evidence/1.4.0/rollout_stage_1.txt',
      'reports/evidence_index/000000/00000000.json',
    ]);
    const entry = JSON.parse(show('reports/evidence_index/000000/00000000.json')) as Record<string, unknown>;
    expect(entry).toMatchObject({
      seq: 0,
      files: [
        { path: 'evidence/1.4.0/rollout_stage_1.txt', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      ],
      prev_sha256: '0'.repeat(64),
    });
  });

  it('four concurrent pushes of different files all land as four commits, without a force push', async () => {
    const jobs = [1, 5, 25, 50].map((weight, i) =>
      pushEvidence({
        remote,
        branch: 'canary-evidence',
        files: [
          { path: `evidence/1.4.0/rollout_stage_${weight}.txt`, content: `weight ${weight}\n` },
          {
            path: 'evidence/1.4.0/warroom_log.txt',
            content: `:${i}5 | Stage ${i + 1} (${weight}%) | 4/4 PASS | IC: Proceed\n`,
            mode: 'append',
          },
        ],
        message: `evidence: stage ${weight}`,
        maxAttempts: 10,
      }),
    );
    const results = await Promise.all(jobs);
    expect(results.every((r) => r.changed)).toBe(true);
    const commits = branchLog();
    expect(commits).toHaveLength(4);
    // Linear history: every commit's parent is the next older one (a force push would have dropped commits).
    for (let i = 0; i < commits.length - 1; i++)
      expect(commits[i]!.split(' ')[1]).toBe(commits[i + 1]!.split(' ')[0]);
    expect(new Set(results.map((r) => r.commit))).toEqual(new Set(commits.map((c) => c.split(' ')[0])));
    for (const weight of [1, 5, 25, 50])
      expect(show(`evidence/1.4.0/rollout_stage_${weight}.txt`)).toBe(`weight ${weight}\n`);
    const warroom = show('evidence/1.4.0/warroom_log.txt').trim().split('\n');
    expect(warroom.sort()).toEqual(
      [0, 1, 2, 3]
        .map((i) => `:${i}5 | Stage ${i + 1} (${[1, 5, 25, 50][i]}%) | 4/4 PASS | IC: Proceed`)
        .sort(),
    );
    expect(results.reduce((n, r) => n + r.attempts, 0)).toBeGreaterThanOrEqual(4);
  });

  it('concurrent decision-log writes extend one chain', async () => {
    const file = 'reports/release_decisions/spark-1.4.0-42.yaml';
    await Promise.all(
      ['preflight', 'stage:pilot', 'stage:confidence'].map((phase) =>
        pushEvidence({
          remote,
          branch: 'canary-evidence',
          files: [decisionLogChange(file, decision(phase), fixedClock('2026-05-16T21:30:00Z'))],
          message: phase,
          maxAttempts: 10,
        }),
      ),
    );
    const { readDecisionLog } = await import('../../src/evidence/decision-log.js');
    const records = readDecisionLog(show(file), file);
    expect(records.map((r) => r.phase).sort()).toEqual(['preflight', 'stage:confidence', 'stage:pilot']);
  });

  it('a write after GA fails with EvidenceSealedError and leaves the branch as it was', async () => {
    const file = 'reports/release_decisions/spark-1.4.0-42.yaml';
    const clock = fixedClock('2026-05-16T21:30:00Z');
    for (const phase of ['preflight', 'promote', 'ga']) {
      await pushEvidence({
        remote,
        branch: 'canary-evidence',
        files: [decisionLogChange(file, decision(phase), clock)],
        message: phase,
      });
    }
    const before = git(remote, 'rev-parse', 'canary-evidence').trim();
    const logBefore = show(file);
    const attempt = pushEvidence({
      remote,
      branch: 'canary-evidence',
      files: [
        { path: 'evidence/1.4.0/rollback_20260517_000000.txt', content: 'late\n' },
        decisionLogChange(file, decision('rollback', { decision: 'ROLLBACK' }), clock),
      ],
      message: 'late rollback',
    });
    await expect(attempt).rejects.toThrow(EvidenceSealedError);
    await expect(attempt).rejects.toThrow(/immutable once GA is reached, nothing was written/);
    expect(git(remote, 'rev-parse', 'canary-evidence').trim()).toBe(before);
    expect(show(file)).toBe(logBefore);
  });

  it('a re-run with the same evidence converges: no new commit', async () => {
    const files = [
      { path: 'evidence/1.4.0/preflight.txt', content: 'ok\n' },
      {
        path: 'evidence/1.4.0/warroom_log.txt',
        content: ':00 | Stage 1 (1%) START\n',
        mode: 'append' as const,
      },
    ];
    const first = await pushEvidence({ remote, branch: 'canary-evidence', files, message: 'preflight' });
    const again = await pushEvidence({ remote, branch: 'canary-evidence', files, message: 'preflight' });
    expect(again).toMatchObject({ changed: false, commit: first.commit });
    expect(branchLog()).toHaveLength(1);
    expect(show('evidence/1.4.0/warroom_log.txt')).toBe(':00 | Stage 1 (1%) START\n');
  });

  it('pushes a folder to a destination path', async () => {
    const from = path.join(tmp.dir, 'out');
    mkdirSync(path.join(from, 'sub'), { recursive: true });
    writeFileSync(path.join(from, 'a.txt'), 'a\n');
    writeFileSync(path.join(from, 'sub', 'b.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    const result = await pushEvidence({
      remote,
      branch: 'canary-evidence',
      fromDir: from,
      toPath: 'evidence/1.4.0',
      message: 'folder',
    });
    expect(result.files).toEqual(['evidence/1.4.0/a.txt', 'evidence/1.4.0/sub/b.png']);
    expect(execGit(['show', 'canary-evidence:evidence/1.4.0/sub/b.png'], { cwd: remote })).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
    );

    // A link in the folder is refused by name, not followed and not silently left out.
    symlinkSync('/etc/hostname', path.join(from, 'sub', 'host.txt'));
    await expect(
      pushEvidence({
        remote,
        branch: 'canary-evidence',
        fromDir: from,
        toPath: 'evidence/1.4.0',
        message: 'f',
      }),
    ).rejects.toThrow('from: sub/host.txt is a symbolic link');
  });

  it('refuses to write through a link committed to the branch, naming it, and pushes nothing', async () => {
    const work = path.join(tmp.dir, 'linked');
    execGit(['init', '--quiet', '--initial-branch=canary-evidence', work]);
    const outside = path.join(tmp.dir, 'outside.txt');
    writeFileSync(outside, 'keep\n');
    mkdirSync(path.join(work, 'evidence', '1.4.0'), { recursive: true });
    symlinkSync(outside, path.join(work, 'evidence', '1.4.0', 'warroom_log.txt'));
    symlinkSync(tmp.dir, path.join(work, 'evidence', '2.0.3'));
    git(work, 'add', '--all');
    git(work, 'commit', '--quiet', '-m', 'links');
    git(work, 'push', '--quiet', remote, 'canary-evidence');
    const tip = git(remote, 'rev-parse', 'canary-evidence');
    for (const [file, link] of [
      ['evidence/1.4.0/warroom_log.txt', 'it'],
      ['evidence/2.0.3/preflight.txt', 'evidence/2.0.3'],
    ]) {
      const push = pushEvidence({
        remote,
        branch: 'canary-evidence',
        files: [{ path: file!, content: ':15 | line\n', mode: 'append' }],
        message: 'm',
      });
      await expect(push).rejects.toThrow(EvidenceSymlinkError);
      await expect(push).rejects.toThrow(`refusing to write ${file}: ${link} is a symbolic link`);
    }
    expect(readFileSync(outside, 'utf8')).toBe('keep\n');
    expect(existsSync(path.join(tmp.dir, 'preflight.txt'))).toBe(false);
    expect(git(remote, 'rev-parse', 'canary-evidence')).toBe(tip);
  });

  it('gives up after maxAttempts when other jobs keep moving the branch, without forcing', async () => {
    // A second, real writer pushes right before each of our pushes: our push is always behind.
    const rival = path.join(tmp.dir, 'rival');
    let rivalPushes = 0;
    const rivalPush = (): void => {
      rivalPushes++;
      execGit(['init', '--quiet', rival]);
      git(rival, 'fetch', '--quiet', remote, '+refs/heads/canary-evidence:refs/remotes/r/canary-evidence');
      git(rival, 'checkout', '--quiet', '-B', 'w', 'refs/remotes/r/canary-evidence');
      writeFileSync(path.join(rival, `rival_${rivalPushes}.txt`), 'x\n');
      git(rival, 'add', '.');
      git(rival, 'commit', '--quiet', '-m', `rival ${rivalPushes}`);
      git(rival, 'push', '--quiet', remote, 'HEAD:refs/heads/canary-evidence');
    };
    await pushEvidence({
      remote,
      branch: 'canary-evidence',
      files: [{ path: 'seed.txt', content: 'seed\n' }],
      message: 'seed',
    });
    const busy: GitCommandManagerFactory = (options) => {
      const inner = createGitCommandManager(options);
      return {
        ...inner,
        push: async (branch) => {
          rivalPush();
          return inner.push(branch);
        },
      };
    };
    const sleeps: number[] = [];
    const lines: string[] = [];
    const attempt = pushEvidence({
      remote,
      branch: 'canary-evidence',
      files: [{ path: 'mine.txt', content: 'mine\n' }],
      message: 'mine',
      git: busy,
      maxAttempts: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      log: (l) => lines.push(l),
    });
    await expect(attempt).rejects.toThrow(EvidencePushError);
    await expect(attempt).rejects.toThrow(/rejected 3 times/);
    expect(sleeps).toHaveLength(2); // a pause between attempts, none after the last
    expect(rivalPushes).toBe(3);
    expect(lines.some((l) => /rejected .*fetching and re-applying/.test(l))).toBe(true);
    const subjects = branchLog('%s');
    expect(subjects).not.toContain('mine');
    expect(subjects.filter((s) => s.startsWith('rival'))).toHaveLength(rivalPushes);
  });

  it('rejects paths outside the branch and bad inputs, naming the field', async () => {
    const base = { remote, branch: 'canary-evidence', message: 'm' };
    await expect(pushEvidence({ ...base, files: [{ path: '../x', content: '' }] })).rejects.toThrow(
      /files\[0\]\.path: "\.\.\/x" leaves the repository/,
    );
    await expect(pushEvidence({ ...base, files: [{ path: '.git/config', content: '' }] })).rejects.toThrow(
      /points into \.git/,
    );
    await expect(pushEvidence({ ...base, files: [{ path: '/etc/x', content: '' }] })).rejects.toThrow(
      ConfigurationError,
    );
    await expect(pushEvidence({ ...base, files: [] })).rejects.toThrow(/nothing to push/);
    await expect(
      pushEvidence({ ...base, branch: 'bad..name', files: [{ path: 'a', content: '' }] }),
    ).rejects.toThrow(/branch: "bad\.\.name"/);
    await expect(
      pushEvidence({ ...base, fromDir: path.join(tmp.dir, 'missing'), toPath: 'e' }),
    ).rejects.toThrow(/from: cannot read/);
  });
});
