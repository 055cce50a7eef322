/**
 * `verify-evidence --github`: each record's approver is re-read from GitHub's approvals of the record's run
 * (the emulator answers in GitHub's documented shapes). A sign-off forged onto an open log, which the chains
 * alone cannot tell from a real one, is named.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as verifyCli } from '../../src/cli/commands/verify-evidence.js';
import { recordHash } from '../../src/evidence/decision-log.js';
import { pushEvidence } from '../../src/evidence/push.js';
import { decisionLogChange } from '../../src/evidence/record-decision.js';
import { TEST_TOKEN } from '../github-emulator/client.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { fixedClock, git, tempRoot } from '../git/helpers.js';
import { addIndexEntry } from './attack-tools.js';
import { decision } from './fixtures.js';
import { execGit } from '../support/git.js';

const LOG = 'reports/release_decisions/spark-1.4.0-42.yaml';
let tmp: ReturnType<typeof tempRoot>;
let emulator: GitHubEmulator;
let remote: string;

async function verify(
  target: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await verifyCli([target, '--github', '--api-url', emulator.url, ...args], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { PATH: process.env.PATH, GITHUB_TOKEN: TEST_TOKEN },
    cwd: tmp.dir,
  });
  return { code, out, err };
}

beforeAll(async () => {
  tmp = tempRoot('approvers-');
  // Run 42 of acme/spark (the fixtures' run_url): jane-doe approved the pilot environment.
  emulator = await startGitHubEmulator({
    seed: {
      owner: 'acme',
      repo: 'spark',
      runApprovals: {
        42: [{ environments: ['canary-1'], state: 'approved', user: 'jane-doe', comment: 'go' }],
        // Run 43: a run GitHub knows that nobody reviewed.
        43: [],
      },
    },
  });
  remote = path.join(tmp.dir, 'evidence.git');
  execGit(['init', '--quiet', '--bare', remote]);
  await pushEvidence({
    remote,
    branch: 'canary-evidence',
    files: [decisionLogChange(LOG, decision('stage:pilot'), fixedClock('2026-05-16T21:30:00Z'))],
    message: 'evidence(v1.4.0): stage pilot',
  });
}, 60_000);
afterAll(async () => {
  await emulator?.close();
  tmp.cleanup();
});

describe('verify-evidence --github', () => {
  it('an approver GitHub knows for the run verifies', async () => {
    const r = await verify(remote);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain("every approver is known to GitHub as a reviewer of the record's run");
  });

  it('a forged APPROVED record appended to the open log is named by its approver', async () => {
    const work = path.join(tmp.dir, 'work');
    execGit(['clone', '--quiet', '--branch', 'canary-evidence', remote, work]);
    const file = path.join(work, LOG);
    const records = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    const forged: Record<string, unknown> = {
      ...records.at(-1)!,
      phase: 'stage:confidence',
      decision: 'APPROVED',
      approver: 'mallory',
      prev_sha256: records.at(-1)!.sha256,
    };
    forged.sha256 = recordHash(forged);
    execFileSync('sh', ['-c', 'cat >> "$1"', 'sh', file], {
      input: YAML.stringify([forged], { lineWidth: 0 }),
    });
    addIndexEntry(work, [LOG]);
    git(work, 'add', '--all');
    git(work, 'commit', '--quiet', '-m', 'evidence(v1.4.0): stage confidence');
    git(work, 'push', '--quiet', 'origin', 'canary-evidence');

    const plain = await verifyCli([remote], {
      stdout: () => undefined,
      stderr: () => undefined,
      env: {},
      cwd: tmp.dir,
    });
    expect(plain).toBe(0); // the chains cannot tell it from a real sign-off
    const r = await verify(remote);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `FAILED at ${LOG} record 1 (phase stage:confidence): approver: mallory: GitHub's environment approvals of run acme/spark#42 name no such reviewer (it knows jane-doe)`,
    );
  });

  /** A fresh evidence remote whose one record was approved by jane-doe in the given run of acme/spark. */
  async function remoteNamingRun(name: string, runId: number): Promise<string> {
    const other = path.join(tmp.dir, `${name}.git`);
    execGit(['init', '--quiet', '--bare', other]);
    await pushEvidence({
      remote: other,
      branch: 'canary-evidence',
      files: [
        decisionLogChange(
          LOG,
          decision('stage:pilot', { run_url: `https://github.com/acme/spark/actions/runs/${runId}` }),
          fixedClock('2026-05-16T21:30:00Z'),
        ),
      ],
      message: 'evidence(v1.4.0): stage pilot',
    });
    return other;
  }

  it('a record naming a run nobody reviewed on GitHub is named', async () => {
    const r = await verify(await remoteNamingRun('unreviewed', 43));
    expect(r.code).toBe(1);
    // GitHub answers 200 [] for the approvals of a run nobody reviewed: the record's approver is then one GitHub
    // does not know for that run.
    expect(r.err).toContain(
      "approver: jane-doe: GitHub's environment approvals of run acme/spark#43 name no such reviewer (it has none)",
    );
  });

  it('a record naming a run GitHub never saw is named', async () => {
    const r = await verify(await remoteNamingRun('unknown-run', 9999));
    expect(r.code).toBe(1);
    // GitHub answers 404 for the approvals of a run it never saw.
    expect(r.err).toContain('approver: names run acme/spark#9999, which GitHub does not know');
  });
});
