/**
 * The merge block: with an admin or App token, start installs a ruleset requiring the release's own status
 * context as its very first write, so no held PR can merge from that request on, even one whose head shows a
 * green release-freeze status; the plan's exemptions get the context and can merge; guard keeps that true as PRs
 * change; end removes the ruleset first. Judged by the emulator's model of the merge button (mergeBlockers).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/index.js';
import { FREEZE_STATE_PATH, parseFreezeState } from '../../src/freeze/state.js';
import { mergeBlockers, rulesetsOf } from '../github-emulator/ruleset-routes.js';
import { freezeBed, RELEASE_BOT, type FreezeBed } from './harness.js';
import { mixedPulls, seedOf, showOnBranch } from './support.js';

const pulls = mixedPulls(40);
const held = pulls.filter((p) => p.expected === 'held').map((p) => p.number);
const allowed = pulls.filter((p) => p.expected === 'allowed').map((p) => p.number);
const CONTEXT = 'release-freeze/v1.4.0';

let bed: FreezeBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const writesOf = (b: FreezeBed, afterSeq = 0) =>
  b.emulator.requests.filter((r) => r.seq > afterSeq && r.method !== 'GET').sort((a, c) => a.seq - c.seq);
const lastSeq = (b: FreezeBed) => Math.max(0, ...b.emulator.requests.map((r) => r.seq));

describe('freeze with a merge-block token', { timeout: 120_000 }, () => {
  it('installs the ruleset as the very first write: no held PR can merge from then on, exemptions can', async () => {
    bed = await freezeBed({ pulls: seedOf(pulls), clockScale: 600 });
    // Before the freeze every PR's head is green: all of them could merge.
    for (const n of held) expect(mergeBlockers(bed.emulator.state, n, ['release-freeze'])).toEqual([]);

    const outcome = await bed.run('start', { mergeBlock: true });
    if (outcome.mode !== 'start') throw new Error('expected start');
    const writes = writesOf(bed);
    expect(writes[0]!.operationId).toBe('repos/create-repo-ruleset');
    expect(writes[0]!.body).toMatchObject({
      name: 'canary-conductor freeze v1.4.0',
      enforcement: 'active',
      conditions: { ref_name: { include: ['refs/heads/main'] } },
      bypass_actors: [{ actor_type: 'Integration', actor_id: RELEASE_BOT.actorId, bypass_mode: 'always' }],
      rules: [
        { type: 'required_status_checks', parameters: { required_status_checks: [{ context: CONTEXT }] } },
      ],
    });
    expect(rulesetsOf(bed.emulator.state)).toHaveLength(1);

    for (const n of held) expect(mergeBlockers(bed.emulator.state, n), `#${n}`).toEqual([CONTEXT]);
    for (const n of allowed) expect(mergeBlockers(bed.emulator.state, n), `#${n}`).toEqual([]);
    // Labels and statuses still follow for people to see.
    for (const n of held) expect(bed.emulator.state.issues.get(n)!.labels).toContain('hold-for-canary');
    expect(outcome.result.mergeBlock).toMatchObject({ context: CONTEXT });
    expect(bed.front.refused).toBe(0);
    expect(bed.emulator.policyReport().secondaryLimitAnswers).toBe(0);

    const state = parseFreezeState(showOnBranch(bed.evidence.dir, 'canary-evidence', FREEZE_STATE_PATH)!);
    expect(state.merge_block).toMatchObject({
      ruleset_id: rulesetsOf(bed.emulator.state)[0]!.id,
      context: CONTEXT,
    });
    const status = await bed.run('status');
    if (status.mode !== 'status') throw new Error('expected status');
    expect(status.result.mergeable).toBe(0);
    expect(status.result.summary).toContain(`without ${CONTEXT}: no held PR can merge`);

    // A re-run creates first (no round trip before it), is refused as a duplicate name and finds the ruleset:
    // no second one, nothing changed.
    const before = lastSeq(bed);
    await bed.run('start', { mergeBlock: true });
    expect(writesOf(bed, before).map((r) => `${r.operationId} ${r.status}`)).toEqual([
      'repos/create-repo-ruleset 422',
    ]);
    expect(rulesetsOf(bed.emulator.state)).toHaveLength(1);
  });

  it('guard gives the context to a PR that becomes allowed and takes it from one that becomes held; end removes the ruleset first', async () => {
    bed = await freezeBed({ pulls: seedOf(pulls), clockScale: 600 });
    await bed.run('start', { mergeBlock: true });
    const [nowAllowed] = held.filter((n) => !pulls[n - 1]!.blocked);
    const [nowHeld] = allowed.filter((n) => pulls[n - 1]!.labels!.includes('hotfix'));
    bed.emulator.state.issues.get(nowAllowed!)!.labels.push('hotfix');
    bed.emulator.state.issues.get(nowHeld!)!.labels.push('schema-migration');
    for (const number of [nowAllowed!, nowHeld!]) {
      await bed.run('guard', {
        event: { name: 'pull_request_target', payload: { action: 'labeled', pull_request: { number } } },
      });
    }
    expect(mergeBlockers(bed.emulator.state, nowAllowed!)).toEqual([]);
    expect(mergeBlockers(bed.emulator.state, nowHeld!)).toEqual([CONTEXT]);

    await expect(bed.run('end')).rejects.toThrow(ConfigurationError);
    await expect(bed.run('end')).rejects.toThrow(/ruleset \d+ .*same merge-block token/);
    expect(rulesetsOf(bed.emulator.state)).toHaveLength(1);

    const before = lastSeq(bed);
    await bed.run('end', { mergeBlock: true });
    expect(writesOf(bed, before)[0]!.operationId).toBe('repos/delete-repo-ruleset');
    expect(rulesetsOf(bed.emulator.state)).toEqual([]);
    for (const p of pulls)
      expect(mergeBlockers(bed.emulator.state, p.number, ['release-freeze']), `#${p.number}`).toEqual([]);
    const state = parseFreezeState(showOnBranch(bed.evidence.dir, 'canary-evidence', FREEZE_STATE_PATH)!);
    expect(state).toMatchObject({ active: false, merge_block: null });
    // Ended and removed: a re-run of end needs no admin token and writes nothing.
    const again = lastSeq(bed);
    await bed.run('end');
    expect(writesOf(bed, again)).toEqual([]);
  });

  it('start for another release while a freeze is active takes back the ruleset it just installed', async () => {
    bed = await freezeBed({ pulls: seedOf(mixedPulls(5)), clockScale: 600 });
    await bed.run('start');
    await expect(bed.run('start', { mergeBlock: true, version: '1.5.0' })).rejects.toThrow(
      /a freeze for v1\.4\.0 is active .* end it before starting one for v1\.5\.0/,
    );
    expect(bed.emulator.requestsFor('repos/create-repo-ruleset').map((r) => r.status)).toEqual([201]);
    expect(bed.emulator.requestsFor('repos/delete-repo-ruleset').map((r) => r.status)).toEqual([204]);
    expect(rulesetsOf(bed.emulator.state)).toEqual([]);
  });
});
