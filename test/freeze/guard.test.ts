/**
 * guard against the emulator, one event at a time: the core with the contents-API state reader (the path a fork
 * PR's run takes), then the bundled action the way the runner starts it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseGuardEvent, pullsFromMergeGroupRef } from '../../src/freeze/events.js';
import { guardEvent } from '../../src/freeze/guard.js';
import { createWritePacer } from '../../src/freeze/pacer.js';
import type { FreezeRunContext } from '../../src/freeze/run-context.js';
import {
  FREEZE_STATE_PATH,
  FREEZE_STATE_SCHEMA,
  serializeFreezeState,
  type FreezeState,
} from '../../src/freeze/state.js';
import { apiStateReader } from '../../src/freeze/state-store.js';
import {
  fakeSha,
  startGitHubEmulator,
  type GitHubEmulator,
  type SeedPull,
} from '../github-emulator/index.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { runAction } from '../support/run-action.js';
import { emulatorClock, FREEZE, PLAN, PLAN_TEXT } from './support.js';

const ACTIVE: FreezeState = {
  schema: FREEZE_STATE_SCHEMA,
  active: true,
  release: 'v1.4.0',
  version: '1.4.0',
  started_at: '2026-05-16T21:00:00.000Z',
  actor: 'release-bot',
  run_url: '',
  label: 'hold-for-canary',
  status_check: 'release-freeze',
  base_branches: ['main'],
  counts: { open: 3, held: 2, blocked: 0, allowed: 1, labelled: 1 },
  pre_labelled: [5],
  held: [1, 5],
  ended_at: null,
  ended_by: null,
  released: null,
};

const PULLS: SeedPull[] = [
  { number: 1, title: 'Order router rewrite', files: ['src/router.ts'], labels: ['feature-x'] },
  { number: 2, title: 'Fix typo in runbook', files: ['docs/runbook.md'] },
  { number: 3, title: 'Backport', base: 'release/1.3', files: ['src/a.ts'] },
  { number: 4, title: 'Add column', files: ['migrations/0042.sql'], labels: ['schema-migration', 'hotfix'] },
  { number: 5, title: 'Hand-held PR', files: ['docs/x.md'], labels: ['hold-for-canary'] },
];

let emulator: GitHubEmulator;

async function start(state: FreezeState | null, comment = false) {
  const contents: Record<string, string> = {
    '.github/canary.yml': comment
      ? PLAN_TEXT.replace('status_check: release-freeze', 'status_check: release-freeze\n  comment: true')
      : PLAN_TEXT,
  };
  if (state) contents[`canary-evidence:${FREEZE_STATE_PATH}`] = serializeFreezeState(state);
  emulator = await startGitHubEmulator({ seed: { pulls: PULLS, contents } });
}
afterEach(async () => emulator?.close());

function context(comment = false): FreezeRunContext {
  const { client, repo } = clientForEmulator(emulator);
  const clock = emulatorClock(emulator);
  return {
    github: client,
    repo,
    freeze: { ...FREEZE, comment },
    pacer: createWritePacer({ clock }),
    clock,
    actor: 'bot',
    runUrl: '',
    log: () => undefined,
  };
}

async function guard(eventName: string, payload: unknown, comment = false) {
  const ctx = context(comment);
  return guardEvent(ctx, parseGuardEvent(eventName, payload), {
    stateReader: apiStateReader(ctx.github, ctx.repo, 'canary-evidence'),
    service: PLAN.release.service,
  });
}

const prEvent = (action: string, number: number, base = 'main') => ({
  action,
  number,
  pull_request: { number, base: { ref: base } },
});
const headOf = (n: number) => emulator.state.issues.get(n)!.pull!.headSha;
const freezeStatus = (sha: string) =>
  emulator.state.latestStatuses(sha).find((s) => s.context === 'release-freeze');
const mutating = () => emulator.requests.filter((r) => r.method !== 'GET');

describe('merge-queue refs', () => {
  it('reads the PR number from gh-readonly-queue refs and refuses a ref that names none', () => {
    expect(pullsFromMergeGroupRef(`refs/heads/gh-readonly-queue/main/pr-123-${fakeSha('x')}`)).toEqual([123]);
    expect(pullsFromMergeGroupRef('gh-readonly-queue/main/pr-7-abc1234')).toEqual([7]);
    expect(() =>
      parseGuardEvent('merge_group', {
        merge_group: { head_sha: fakeSha('g'), head_ref: 'refs/heads/main', base_ref: 'refs/heads/main' },
      }),
    ).toThrow(/names no pull request/);
  });
  it('refuses events it does not guard, naming them', () => {
    expect(() => parseGuardEvent('push', {})).toThrow(/"push" is not guarded/);
  });
});

describe('guard (core, state read through the contents API)', () => {
  it('with no freeze recorded: success on the head commit, no label', async () => {
    await start(null);
    const r = await guard('pull_request', prEvent('opened', 1));
    expect(r).toMatchObject({ active: false, decision: 'no-freeze' });
    expect(freezeStatus(headOf(1))).toMatchObject({
      state: 'success',
      description: 'No release freeze active',
    });
    expect(emulator.state.labelsOf(1)).not.toContain('hold-for-canary');
  });

  it('opened while frozen: label, failing status naming the release, one comment; the same event again writes nothing', async () => {
    await start(ACTIVE, true);
    const r = await guard('pull_request_target', prEvent('opened', 1), true);
    expect(r.decision).toBe('held');
    expect(emulator.state.labelsOf(1)).toContain('hold-for-canary');
    expect(freezeStatus(headOf(1))).toMatchObject({ state: 'failure' });
    expect(freezeStatus(headOf(1))!.description).toContain('v1.4.0');
    expect(emulator.state.comments.filter((c) => c.issueNumber === 1)).toHaveLength(1);
    const before = mutating().length;
    const again = await guard('pull_request_target', prEvent('reopened', 1), true);
    expect(again.writes).toEqual([]);
    expect(mutating().length).toBe(before);
    expect(emulator.state.comments.filter((c) => c.issueNumber === 1)).toHaveLength(1);
  });

  it('synchronize: the new head commit gets the failing status too (a per-commit status does not carry over)', async () => {
    await start(ACTIVE);
    await guard('pull_request', prEvent('opened', 1));
    const oldSha = headOf(1);
    emulator.state.issues.get(1)!.pull!.headSha = fakeSha('pull:1:second-push');
    await guard('pull_request', prEvent('synchronize', 1));
    expect(freezeStatus(headOf(1))).toMatchObject({ state: 'failure' });
    expect(freezeStatus(oldSha)).toMatchObject({ state: 'failure' });
  });

  it('a PR that gains an allow label mid-freeze is let through: success, and the freeze label comes off', async () => {
    await start(ACTIVE);
    await guard('pull_request', prEvent('opened', 1));
    expect(freezeStatus(headOf(1))!.state).toBe('failure');
    emulator.state.addLabelTo(emulator.state.issues.get(1)!, 'hotfix');
    const r = await guard('pull_request', prEvent('labeled', 1));
    expect(r.decision).toBe('allowed');
    expect(freezeStatus(headOf(1))).toMatchObject({ state: 'success' });
    expect(freezeStatus(headOf(1))!.description).toContain('hotfix');
    expect(emulator.state.labelsOf(1)).not.toContain('hold-for-canary');
  });

  it('unlabeled: removing the freeze label by hand from a held PR puts it back', async () => {
    await start(ACTIVE);
    await guard('pull_request', prEvent('opened', 1));
    const issue = emulator.state.issues.get(1)!;
    issue.labels = issue.labels.filter((l) => l !== 'hold-for-canary');
    await guard('pull_request', prEvent('unlabeled', 1));
    expect(emulator.state.labelsOf(1)).toContain('hold-for-canary');
    expect(freezeStatus(headOf(1))!.state).toBe('failure');
  });

  it('docs-only is allowed; a block label beats an allow label; another base is not frozen; a hand-set label stays', async () => {
    await start(ACTIVE);
    expect((await guard('pull_request', prEvent('opened', 2))).decision).toBe('allowed');
    expect(freezeStatus(headOf(2))!.state).toBe('success');
    const blocked = await guard('pull_request', prEvent('labeled', 4));
    expect(blocked.decision).toBe('held');
    expect(freezeStatus(headOf(4))!.description).toContain('schema-migration');
    expect((await guard('pull_request', prEvent('opened', 3, 'release/1.3'))).decision).toBe('unfrozen-base');
    expect(freezeStatus(headOf(3))).toMatchObject({
      state: 'success',
      description: 'Base branch release/1.3 is not frozen',
    });
    expect((await guard('pull_request', prEvent('synchronize', 5))).decision).toBe('allowed');
    expect(emulator.state.labelsOf(5)).toContain('hold-for-canary');
  });

  it('merge_group: failure on the group commit for a held PR, success for an exempt one, success with no freeze', async () => {
    await start(ACTIVE);
    const group = (n: number, sha: string) => ({
      action: 'checks_requested',
      merge_group: {
        head_sha: sha,
        head_ref: `refs/heads/gh-readonly-queue/main/pr-${n}-${fakeSha(`base${n}`)}`,
        base_ref: 'refs/heads/main',
      },
    });
    const heldSha = fakeSha('group:1');
    expect((await guard('merge_group', group(1, heldSha))).decision).toBe('held');
    expect(freezeStatus(heldSha)).toMatchObject({ state: 'failure' });
    emulator.state.addLabelTo(emulator.state.issues.get(1)!, 'rollback');
    const exemptSha = fakeSha('group:1:again');
    expect((await guard('merge_group', group(1, exemptSha))).decision).toBe('allowed');
    expect(freezeStatus(exemptSha)).toMatchObject({ state: 'success' });
    expect(freezeStatus(exemptSha)!.description).toContain('rollback');
    await emulator.close();
    await start(null);
    const freeSha = fakeSha('group:free');
    expect((await guard('merge_group', group(1, freeSha))).decision).toBe('no-freeze');
    expect(freezeStatus(freeSha)).toMatchObject({ state: 'success' });
  });
});

describe('guard (bundled action, as the runner runs it)', () => {
  const run = (eventName: string, event: unknown, inputs: Record<string, string> = {}) =>
    runAction('freeze-window', {
      inputs: { mode: 'guard', ...inputs },
      eventName,
      event,
      github: { url: emulator.url, serverUrl: emulator.serverUrl, repository: emulator.repository },
    });

  beforeEach(async () => start(ACTIVE));

  it('pull_request_target opened: labels and fails a held PR, reading plan and state from the repository', async () => {
    const r = await run('pull_request_target', prEvent('opened', 1));
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ active: 'true', held: '1', allowed: '0', labelled: '1' });
    expect(JSON.parse(r.outputs['state-json']!)).toMatchObject({ release: 'v1.4.0', active: true });
    expect(emulator.state.labelsOf(1)).toContain('hold-for-canary');
    expect(freezeStatus(headOf(1))!.state).toBe('failure');
    expect(r.summary).toContain('Freeze guard: held');
  });

  it('labeled with an allow label mid-freeze: success and label removed', async () => {
    expect((await run('pull_request_target', prEvent('opened', 1))).exitCode).toBe(0);
    emulator.state.addLabelTo(emulator.state.issues.get(1)!, 'security');
    const r = await run('pull_request_target', prEvent('labeled', 1));
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(r.outputs).toMatchObject({ held: '0', allowed: '1' });
    expect(freezeStatus(headOf(1))!.state).toBe('success');
    expect(emulator.state.labelsOf(1)).not.toContain('hold-for-canary');
  });

  it('merge_group: status on the group commit', async () => {
    const sha = fakeSha('queue');
    const r = await run('merge_group', {
      action: 'checks_requested',
      merge_group: {
        head_sha: sha,
        head_ref: `refs/heads/gh-readonly-queue/main/pr-2-${fakeSha('b')}`,
        base_ref: 'refs/heads/main',
      },
    });
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(freezeStatus(sha)).toMatchObject({ state: 'success' });
  });

  it('dry-run: decides, lists the writes in the summary, writes nothing', async () => {
    const r = await run('pull_request', prEvent('opened', 1), { 'dry-run': 'true' });
    expect(r.exitCode, r.stderr + r.stdout).toBe(0);
    expect(mutating()).toEqual([]);
    expect(r.summary).toContain('Would write (dry-run)');
    expect(r.summary).toContain('hold-for-canary');
  });

  it('a malformed state file fails the step with a message naming it (never read as "no freeze")', async () => {
    emulator.state.contents.set(`canary-evidence:${FREEZE_STATE_PATH}`, '{"active": "yes"}');
    const r = await run('pull_request', prEvent('opened', 1));
    expect(r.exitCode).not.toBe(0);
    expect(r.annotations.map((a) => a.message).join('\n')).toContain('freeze/state.json');
    expect(mutating()).toEqual([]);
  });
});
