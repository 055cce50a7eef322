import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobToken, startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { DEFAULT_TEST_TOKEN, runAction } from '../support/run-action.js';
import {
  bareRepo,
  git,
  REFERENCE_PLAN,
  runRelease,
  seedEvidence,
  workspaceWithOrigin,
  type RunRelease,
  removeTempDirs,
} from '../rca/release-fixtures.js';

afterAll(removeTempDirs);

const RELEASE_OPS = [
  'repos/create-release',
  'repos/update-release',
  'git/create-ref',
  'git/create-tag',
  'git/update-ref',
];

function prepareWorkspace(): { workspace: string; origin: string; sha: string } {
  const ws = workspaceWithOrigin();
  mkdirSync(path.join(ws.workspace, '.github'), { recursive: true });
  copyFileSync(REFERENCE_PLAN, path.join(ws.workspace, '.github', 'canary.yml'));
  return ws;
}

describe('release-tag action (bundled, through the runner harness)', () => {
  let emulator: GitHubEmulator;
  let promoted: RunRelease;

  beforeAll(async () => {
    // The token carries the release-tag job's permissions, as on GitHub.
    emulator = await startGitHubEmulator({ tokens: jobToken(DEFAULT_TEST_TOKEN, 'release-tag') });
    promoted = await runRelease('promoted');
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const run = (
    ws: { workspace: string; sha: string },
    evidence: string,
    extra: Record<string, string> = {},
  ) =>
    runAction('release-tag', {
      cwd: ws.workspace,
      github: emulator,
      inputs: { version: '1.4.0', sha: ws.sha, 'evidence-remote': evidence, ...extra },
      timeoutMs: 60_000,
    });

  it('tags, records success and creates the release once; a re-run changes nothing', async () => {
    const ws = prepareWorkspace();
    const evidence = bareRepo('rt-evidence-');
    await seedEvidence(evidence, promoted);

    const first = await run(ws, evidence);
    expect(first.stderr + first.annotations.map((a) => a.message).join('\n')).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ tag: 'v1.4.0', sha: ws.sha, created: 'true' });
    expect(first.outputs['release-url']).toBe(
      `${emulator.serverUrl}/acme/spark-trading-api/releases/tag/v1.4.0`,
    );

    // An annotated tag on origin, dereferencing to the release commit.
    expect(git(ws.origin, 'cat-file', '-t', 'refs/tags/v1.4.0')).toBe('tag');
    expect(git(ws.origin, 'rev-parse', 'refs/tags/v1.4.0^{commit}')).toBe(ws.sha);
    expect(git(ws.origin, 'tag', '-l', '--format=%(contents:subject)', 'v1.4.0')).toBe(
      'Canary deployment successful',
    );

    // Evidence, stamped with the canary's completion (08:50 UTC), not with the time of this run.
    const files = git(evidence, 'ls-tree', '-r', '--name-only', 'canary-evidence', 'evidence/1.4.0').split(
      '\n',
    );
    expect(files).toContain('evidence/1.4.0/release_oneliner.txt');
    expect(files).toContain('evidence/1.4.0/canary_success_20260302_085000.txt');
    expect(git(evidence, 'show', 'canary-evidence:evidence/1.4.0/release_oneliner.txt')).toBe(
      `v1.4.0 | spark-trading-api | SUCCESS | 1->5->25->50->100 | 1h 50m | rollbacks=0 | ${emulator.serverUrl}/acme/spark-trading-api/actions/runs/4242`,
    );
    expect(
      git(evidence, 'show', 'canary-evidence:evidence/1.4.0/canary_success_20260302_085000.txt'),
    ).toContain('Stages: 5/5 PASS');

    const releases = [...emulator.state.releases.values()];
    expect(releases).toHaveLength(1);
    const body = releases[0]!.body ?? '';
    expect(body).toContain(
      '**v1.4.0 | spark-trading-api | SUCCESS | 1->5->25->50->100 | 1h 50m | rollbacks=0',
    );
    expect(body).toContain('| 3 | quarter | 25% | PROCEED | 15m | 0 | sre-lead |');
    expect(body).toContain('| 5 | full | 100% | PROCEED | 30m | 0 | sre-lead |');
    expect(body).toContain('- `evidence/1.4.0/canary_success_20260302_085000.txt`');
    expect(body).toContain('- `reports/release_decisions/spark-1.4.0-1.yaml`');
    expect(first.summary).toContain('v1.4.0 at ' + ws.sha + ': created');

    const originRefs = git(ws.origin, 'ls-remote', '.');
    const evidenceRefs = git(evidence, 'ls-remote', '.');
    const seen = emulator.requests.length;

    const second = await run(ws, evidence);
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({ tag: 'v1.4.0', sha: ws.sha, created: 'false' });
    expect(git(ws.origin, 'ls-remote', '.')).toBe(originRefs);
    expect(git(evidence, 'ls-remote', '.')).toBe(evidenceRefs);
    const writes = emulator.requests
      .slice(seen)
      .filter((r) => RELEASE_OPS.includes(r.operationId ?? '') || r.method !== 'GET');
    expect(writes).toEqual([]);
    expect(emulator.requests.slice(seen).map((r) => r.operationId)).toEqual(['repos/get-release-by-tag']);
    expect([...emulator.state.releases.values()]).toHaveLength(1);
    expect(second.summary).toContain(': exists');
    expect(second.summary).toContain('unchanged');
  });

  it('fails clearly, naming both commits, when the tag already exists at another commit', async () => {
    const ws = prepareWorkspace();
    const evidence = bareRepo('rt-evidence-');
    await seedEvidence(evidence, promoted);
    git(ws.workspace, 'tag', '-a', 'v1.4.0', '-m', 'an older release', ws.sha);
    git(ws.workspace, 'push', '--quiet', 'origin', 'refs/tags/v1.4.0');
    writeFileSync(path.join(ws.workspace, 'CHANGELOG.md'), 'hotfix\n');
    git(ws.workspace, 'add', 'CHANGELOG.md');
    git(ws.workspace, 'commit', '--quiet', '-m', 'hotfix');
    const newer = git(ws.workspace, 'rev-parse', 'HEAD');
    const before = emulator.requests.length;

    const result = await run({ workspace: ws.workspace, sha: newer }, evidence);
    expect(result.exitCode).toBe(1);
    const message = result.annotations.find((a) => a.level === 'error')!.message;
    expect(message).toBe(
      `release.tag: v1.4.0 already exists on origin at ${ws.sha}, not at the release commit ${newer}; a release tag is never moved. Release a new version, or delete the stale tag deliberately if it is wrong`,
    );
    expect(git(ws.origin, 'rev-parse', 'refs/tags/v1.4.0^{commit}')).toBe(ws.sha);
    expect(emulator.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
    // Nothing recorded as a success either.
    expect(git(evidence, 'ls-tree', '-r', '--name-only', 'canary-evidence')).not.toContain('canary_success_');
  });

  it('refuses to tag a release that was rolled back', async () => {
    const ws = prepareWorkspace();
    const evidence = bareRepo('rt-evidence-');
    await seedEvidence(evidence, await runRelease('rolled-back'));
    const before = emulator.requests.length;
    const result = await run(ws, evidence);
    expect(result.exitCode).toBe(1);
    expect(result.annotations[0]!.message).toMatch(
      /^release-tag: 1\.4\.0 was not promoted \(rolled back at stage 3 quarter \(25%\): hard breach: api_p95: canary 450 ms breaches hard > 400 ms/,
    );
    expect(git(ws.origin, 'tag', '-l')).toBe('');
    expect(emulator.requests.length).toBe(before);
  });

  it('dry-run checks everything and writes nothing', async () => {
    const ws = prepareWorkspace();
    const evidence = bareRepo('rt-evidence-');
    await seedEvidence(evidence, promoted);
    const evidenceRefs = git(evidence, 'ls-remote', '.');
    const fresh = await startGitHubEmulator({
      seed: { repo: 'dry-run-repo' },
      tokens: jobToken(DEFAULT_TEST_TOKEN, 'release-tag'),
    });
    try {
      const result = await runAction('release-tag', {
        cwd: ws.workspace,
        github: fresh,
        inputs: { version: '1.4.0', sha: ws.sha, 'evidence-remote': evidence, 'dry-run': 'true' },
        timeoutMs: 60_000,
      });
      expect(result.exitCode).toBe(0);
      expect(result.outputs).toMatchObject({ tag: 'v1.4.0', 'release-url': '', created: 'false' });
      expect(result.summary).toContain('would-create');
      expect(git(ws.origin, 'tag', '-l')).toBe('');
      expect(git(evidence, 'ls-remote', '.')).toBe(evidenceRefs);
      expect(fresh.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
