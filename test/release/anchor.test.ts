/**
 * The release's anchor: release-tag writes the GA record's sha256 into the annotated tag's message and the
 * GitHub release body, and verify-evidence checks the evidence branch against either one.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as verifyCli } from '../../src/cli/commands/verify-evidence.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { pushEvidence } from '../../src/evidence/push.js';
import { stageResultFileName } from '../../src/evidence/stage-results.js';
import { releaseTag } from '../../src/release/release-tag.js';
import { workspaceGit } from '../../src/release/workspace-git.js';
import { clientForEmulator, TEST_TOKEN } from '../github-emulator/client.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import {
  bareRepo,
  DEPLOYMENT_ID,
  git,
  REFERENCE_PLAN,
  removeTempDirs,
  runRelease,
  VERSION,
  workspaceWithOrigin,
  type RunRelease,
} from '../rca/release-fixtures.js';

const LOG = `reports/release_decisions/${DEPLOYMENT_ID}.yaml`;
let emulator: GitHubEmulator;
let promoted: RunRelease;

beforeAll(async () => {
  emulator = await startGitHubEmulator();
  promoted = await runRelease('promoted');
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  removeTempDirs();
});

async function verify(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await verifyCli(args, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { PATH: process.env.PATH, ...env },
    cwd: process.cwd(),
  });
  return { code, out, err };
}

describe('GA anchor in the release tag and the GitHub release', () => {
  it('carries the GA record sha256, and verify-evidence --tag / --release check the branch against it', async () => {
    const evidence = bareRepo('anchor-evidence-');
    // The promoted release's evidence as the stage and promote jobs leave it: files, then its decision log.
    await pushEvidence({
      remote: evidence,
      branch: 'canary-evidence',
      message: 'evidence(v1.4.0): stages\n',
      files: [
        ...promoted.stages.map((r) => ({
          path: `evidence/${VERSION}/${stageResultFileName(r)}`,
          content: `${JSON.stringify(r, null, 2)}\n`,
        })),
        { path: LOG, kind: 'decision-log' as const, update: () => promoted.decisionLog },
      ],
    });
    const ga = readDecisionLog(promoted.decisionLog, LOG).find((r) => r.phase === 'ga')!;

    const ws = workspaceWithOrigin();
    mkdirSync(path.join(ws.workspace, '.github'), { recursive: true });
    copyFileSync(REFERENCE_PLAN, path.join(ws.workspace, '.github', 'canary.yml'));
    const { client, repo } = clientForEmulator(emulator);
    const result = await releaseTag({
      configPath: path.join(ws.workspace, '.github', 'canary.yml'),
      version: VERSION,
      sha: ws.sha,
      workspaceGit: await workspaceGit({ workspace: ws.workspace }),
      evidenceRemote: evidence,
      evidenceWeb: null,
      deploymentId: DEPLOYMENT_ID,
      github: { client, repo },
      dryRun: false,
      log: () => undefined,
      cwd: ws.workspace,
    });
    const line = `GA record sha256: ${ga.sha256} (version 1.4.0, decision log ${LOG})`;
    expect(result.anchor).toEqual({ version: VERSION, decisionLog: LOG, gaSha256: ga.sha256 });
    expect(git(ws.origin, 'cat-file', 'tag', 'refs/tags/v1.4.0')).toContain(line);
    expect([...emulator.state.releases.values()][0]!.body).toContain(line);

    const tagged = await verify([evidence, '--tag', 'v1.4.0', '--tag-remote', ws.origin]);
    expect(tagged).toMatchObject({ code: 0, err: '' });
    expect(tagged.out).toContain(`GA record of 1.4.0 matches tag v1.4.0 (${ga.sha256})`);

    const released = await verify(
      [evidence, '--release', 'v1.4.0', '--repo', `${repo.owner}/${repo.repo}`, '--api-url', emulator.url],
      { GITHUB_TOKEN: TEST_TOKEN },
    );
    expect(released).toMatchObject({ code: 0, err: '' });
    expect(released.out).toContain(`GA record of 1.4.0 matches GitHub release v1.4.0 (${ga.sha256})`);

    // A release whose body lost the anchor is not silently checked against nothing.
    const missing = await verify(
      [evidence, '--release', 'v9.9.9', '--repo', `${repo.owner}/${repo.repo}`, '--api-url', emulator.url],
      { GITHUB_TOKEN: TEST_TOKEN },
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('has no GitHub release for tag v9.9.9');
  }, 120_000);
});
