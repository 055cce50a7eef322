import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitCommandManager } from '../../src/git/git-command-manager.js';
import { upsertRelease } from '../../src/release/github-release.js';
import { ensureReleaseTag, TagConflictError } from '../../src/release/tag.js';
import { workspaceGit } from '../../src/release/workspace-git.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { git, workspaceWithOrigin, removeTempDirs, tempDir } from '../rca/release-fixtures.js';

afterAll(removeTempDirs);

const identity = { name: 'canary-conductor[bot]', email: 'canary-conductor@users.noreply.github.com' };

describe('GitHub release: create or update, never duplicate', () => {
  let emulator: GitHubEmulator;
  beforeAll(async () => {
    emulator = await startGitHubEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('two concurrent runs make one release: one creates it, the other gets 422 already_exists and updates it', async () => {
    // Separate clients, as two jobs would have: no shared write queue serialises them.
    const a = clientForEmulator(emulator);
    const b = clientForEmulator(emulator);
    const sha = 'a'.repeat(40);
    const [ra, rb] = await Promise.all([
      upsertRelease(a.client, a.repo, {
        tag: 'v2.0.0',
        name: 'svc v2.0.0',
        body: 'notes from run A\n',
        targetSha: sha,
      }),
      upsertRelease(b.client, b.repo, {
        tag: 'v2.0.0',
        name: 'svc v2.0.0',
        body: 'notes from run B\n',
        targetSha: sha,
      }),
    ]);
    const releases = [...emulator.state.releases.values()].filter((r) => r.tagName === 'v2.0.0');
    expect(releases).toHaveLength(1);
    expect([ra.action, rb.action].sort()).toEqual(['created', 'updated']);
    const creates = emulator
      .requestsFor('repos/create-release')
      .filter((r) => (r.body as { tag_name?: string }).tag_name === 'v2.0.0');
    expect(creates.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(ra.url).toBe(rb.url);
    // The loser's notes are the ones that stand: it updated after the winner created.
    const loser = ra.action === 'updated' ? 'A' : 'B';
    expect(releases[0]!.body).toBe(`notes from run ${loser}\n`);
  });

  it('an existing release with the same notes is left alone; changed notes are updated', async () => {
    const { client, repo } = clientForEmulator(emulator);
    const sha = 'b'.repeat(40);
    expect(
      (await upsertRelease(client, repo, { tag: 'v2.1.0', name: 'n', body: 'one\n', targetSha: sha })).action,
    ).toBe('created');
    const before = emulator.requests.length;
    expect(
      (await upsertRelease(client, repo, { tag: 'v2.1.0', name: 'n', body: 'one\n', targetSha: sha })).action,
    ).toBe('unchanged');
    expect(emulator.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
    expect(
      (await upsertRelease(client, repo, { tag: 'v2.1.0', name: 'n', body: 'two\n', targetSha: sha })).action,
    ).toBe('updated');
    expect(
      [...emulator.state.releases.values()].filter((r) => r.tagName === 'v2.1.0').map((r) => r.body),
    ).toEqual(['two\n']);
  });

  it('with generated notes, GitHub appends its notes to ours once; a re-run keeps them', async () => {
    const { client, repo } = clientForEmulator(emulator);
    const options = { tag: 'v2.2.0', name: 'n', body: 'ours\n', targetSha: 'c'.repeat(40) };
    expect((await upsertRelease(client, repo, { ...options, generateReleaseNotes: true })).action).toBe(
      'created',
    );
    const create = emulator
      .requestsFor('repos/create-release')
      .find((r) => (r.body as { tag_name?: string }).tag_name === 'v2.2.0');
    expect(create?.body).toMatchObject({ generate_release_notes: true, body: 'ours\n' });
    const release = () => [...emulator.state.releases.values()].find((r) => r.tagName === 'v2.2.0')!;
    expect(release().body).toMatch(
      /^ours\n\n\*\*Full Changelog\*\*: http:\/\/127\.0\.0\.1:\d+\/.+\/commits\/v2\.2\.0$/,
    );
    const generated = release().body;
    expect((await upsertRelease(client, repo, { ...options, generateReleaseNotes: true })).action).toBe(
      'unchanged',
    );
    expect(release().body).toBe(generated);
    // Without the option the request carries no generate_release_notes at all (GitHub's default: false).
    await upsertRelease(client, repo, { ...options, tag: 'v2.2.1' });
    const plain = emulator
      .requestsFor('repos/create-release')
      .find((r) => (r.body as { tag_name?: string }).tag_name === 'v2.2.1');
    expect(plain?.body).not.toHaveProperty('generate_release_notes');
  });
});

describe('release tag with real git: idempotent and race-safe', () => {
  it('two clones tagging the same commit at once both succeed, and origin holds one tag', async () => {
    const ws = workspaceWithOrigin();
    const second = tempDir('rt-clone-');
    git(second, 'clone', '--quiet', ws.origin, '.');
    const managers = await Promise.all([
      workspaceGit({ workspace: ws.workspace }),
      workspaceGit({ workspace: second }),
    ]);
    const results = await Promise.all(
      managers.map((g) =>
        ensureReleaseTag({
          git: g,
          tag: 'v3.0.0',
          sha: ws.sha,
          message: 'Canary deployment successful\n',
          identity,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['created', 'exists']);
    expect(git(ws.origin, 'rev-parse', 'refs/tags/v3.0.0^{commit}')).toBe(ws.sha);
    expect(git(ws.origin, 'tag', '-l')).toBe('v3.0.0');
  });

  it('re-running finds the tag on origin (dereferenced ^{}) and writes nothing; another commit is a TagConflictError', async () => {
    const ws = workspaceWithOrigin();
    const g = await workspaceGit({ workspace: ws.workspace });
    expect(
      (await ensureReleaseTag({ git: g, tag: 'v3.1.0', sha: ws.sha.slice(0, 10), message: 'm\n', identity }))
        .status,
    ).toBe('created');
    const refs = git(ws.origin, 'ls-remote', '.');
    expect(await ensureReleaseTag({ git: g, tag: 'v3.1.0', sha: ws.sha, message: 'm\n', identity })).toEqual({
      tag: 'v3.1.0',
      sha: ws.sha,
      status: 'exists',
    });
    expect(git(ws.origin, 'ls-remote', '.')).toBe(refs);
    git(ws.workspace, 'commit', '--quiet', '--allow-empty', '-m', 'next');
    const next = git(ws.workspace, 'rev-parse', 'HEAD');
    const err = await ensureReleaseTag({ git: g, tag: 'v3.1.0', sha: next, message: 'm\n', identity }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TagConflictError);
    expect((err as Error).message).toContain(`at ${ws.sha}, not at the release commit ${next}`);
  });

  it('names a bad SHA and a bad tag name', async () => {
    const ws = workspaceWithOrigin();
    const g = createGitCommandManager({ workingDirectory: ws.workspace, remote: ws.origin });
    await expect(
      ensureReleaseTag({ git: g, tag: 'v1', sha: 'f'.repeat(40), message: 'm', identity }),
    ).rejects.toThrow(/^input sha: "f{40}" is not a commit/);
    await expect(
      ensureReleaseTag({ git: g, tag: 'v1..bad', sha: ws.sha, message: 'm', identity }),
    ).rejects.toThrow('release.tag: "v1..bad" is not a valid git tag name');
  });
});
