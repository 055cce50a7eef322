/**
 * Without a merge block the freeze holds through statuses: every held PR gets its failing status before any label
 * or comment, most-mergeable first (drafts last), within GitHub's secondary limits and the token's primary limit
 * (read from x-ratelimit-* on every answer; the run waits for the reset instead of being refused). start prints how
 * many held PRs can still merge and the ETA as it goes, and records it for `freeze status`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mergeBlockers } from '../github-emulator/ruleset-routes.js';
import { freezeBed, type FreezeBed } from './harness.js';
import { mixedPulls, PLAN, seedOf } from './support.js';

let bed: FreezeBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

describe('freeze without a merge block', { timeout: 180_000 }, () => {
  it('blocks every held PR before any label or comment, drafts last, and is never refused, primary limit included', async () => {
    const pulls = mixedPulls(60);
    const held = pulls.filter((p) => p.expected === 'held').map((p) => p.number);
    const plan = { ...PLAN, freeze: { ...PLAN.freeze!, comment: true } };
    // A primary window of 120 requests: the run needs more, so it has to wait for a reset.
    bed = await freezeBed({ pulls: seedOf(pulls), clockScale: 600, primaryLimit: 120, plan });
    for (const n of held) expect(mergeBlockers(bed.emulator.state, n, ['release-freeze'])).toEqual([]);

    const outcome = await bed.run('start');
    if (outcome.mode !== 'start') throw new Error('expected start');
    const writes = bed.emulator.requests.filter((r) => r.method !== 'GET').sort((a, b) => a.seq - b.seq);
    const firstOther = writes.findIndex((r) => r.operationId !== 'repos/create-commit-status');
    const blocking = writes.slice(0, firstOther);
    const headOf = (n: number) => bed!.emulator.state.issues.get(n)!.pull!.headSha;
    const numberOfHead = new Map(held.map((n) => [headOf(n), n]));
    const blockedInOrder = blocking.map((r) => numberOfHead.get(r.params['sha']!));
    expect(blockedInOrder.slice().sort((a, b) => a! - b!)).toEqual(held);
    expect(blocking.every((r) => (r.body as { state: string }).state === 'failure')).toBe(true);
    const isDraft = (n: number) => pulls[n - 1]!.draft === true;
    const firstDraft = blockedInOrder.findIndex((n) => isDraft(n!));
    expect(firstDraft).toBeGreaterThan(0);
    expect(blockedInOrder.slice(firstDraft).every((n) => isDraft(n!))).toBe(true);
    expect(writes.slice(firstOther).map((r) => r.operationId)).toContain('issues/create-comment');

    for (const n of held)
      expect(mergeBlockers(bed.emulator.state, n, ['release-freeze']), `#${n}`).toEqual(['release-freeze']);
    expect(bed.emulator.requests.length).toBeGreaterThan(120);
    expect(bed.front.refused).toBe(0);
    expect(bed.emulator.policyReport().secondaryLimitAnswers).toBe(0);
    expect(
      bed.logs.some((l) => /^primary rate limit: \d+ of 120 requests left in this window; waiting/.test(l)),
    ).toBe(true);

    const progress = bed.logs.filter((l) => l.startsWith('freeze v1.4.0: '));
    const inForce = pulls.filter((p) => p.expected !== 'out-of-scope').length;
    expect(progress[0]).toMatch(
      new RegExp(
        `^freeze v1\\.4\\.0: up to ${inForce} PR\\(s\\) into main can still merge \\(classified and blocked as it goes\\); ETA \\d{4}-\\d\\d-\\d\\dT`,
      ),
    );
    expect(progress.at(-1)).toBe(
      `freeze v1.4.0: all ${held.length} held PR(s) carry the failing status; none can merge`,
    );
    const status = await bed.run('status');
    if (status.mode !== 'status') throw new Error('expected status');
    expect(status.result).toMatchObject({ active: true, mergeable: 0, eta: null });
    expect(status.result.summary).toContain(
      `no held PR can merge (all ${held.length} carry the failing status)`,
    );
  });
});
