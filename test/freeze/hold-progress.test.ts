/** The pure parts of holding first: readiness order, the progress `freeze status` reports, x-ratelimit headers. */
import { describe, expect, it } from 'vitest';
import { parseBypassActors } from '../../src/freeze/merge-block.js';
import { windowFromHeaders } from '../../src/freeze/primary-limit.js';
import { holdProgress } from '../../src/freeze/progress.js';
import { mostMergeableFirst } from '../../src/freeze/readiness.js';
import { FREEZE_STATE_SCHEMA, type FreezeState } from '../../src/freeze/state.js';
import { freezeStatus } from '../../src/freeze/status.js';

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
  counts: null,
  pre_labelled: [],
  held: [],
  ended_at: null,
  ended_by: null,
  released: null,
};

const statusOf = (state: FreezeState) =>
  freezeStatus(
    { source: 'the evidence branch', read: () => Promise.resolve(state) },
    new Date('2026-05-16T21:30:00Z'),
  );

describe('freeze status while start is blocking', () => {
  it('says how many held PRs can still merge and the ETA', async () => {
    const progress = holdProgress('status', 750, 412, 45 * 60_000, new Date('2026-05-16T21:20:00Z'));
    const r = await statusOf({ ...ACTIVE, progress });
    expect(r).toMatchObject({ mergeable: 412, eta: '2026-05-16T22:05:00.000Z' });
    expect(r.summary).toContain(
      '412 of 750 held PR(s) can still merge as of 2026-05-16T21:20:00.000Z; ETA 2026-05-16T22:05:00.000Z for the last blocking status',
    );
  });

  it('says none can merge once a ruleset stands, and that it does not know yet while classifying', async () => {
    const blocked = await statusOf({
      ...ACTIVE,
      merge_block: {
        ruleset_id: 7,
        name: 'canary-conductor freeze v1.4.0',
        context: 'release-freeze/v1.4.0',
      },
      progress: holdProgress('ruleset', null, 0, null, new Date('2026-05-16T21:00:01Z')),
    });
    expect(blocked).toMatchObject({ mergeable: 0, eta: null });
    expect(blocked.summary).toContain('ruleset 7 blocks every merge into main without release-freeze/v1.4.0');
    const early = await statusOf({
      ...ACTIVE,
      progress: holdProgress('status', null, null, null, new Date()),
    });
    expect(early).toMatchObject({ mergeable: null, eta: null });
    expect(early.summary).toContain('how many can merge is not known yet');
  });
});

describe('most-mergeable first', () => {
  it('puts PRs with a green freeze status first and drafts last, oldest first within each', () => {
    const order = mostMergeableFirst([
      { number: 1, draft: true, freezeGreen: true },
      { number: 2, draft: false, freezeGreen: null },
      { number: 3, draft: false, freezeGreen: true },
      { number: 4, draft: false, freezeGreen: false },
      { number: 5, draft: true, freezeGreen: null },
    ]).map((p) => p.number);
    expect(order).toEqual([3, 2, 4, 1, 5]);
  });
});

describe('primary limit headers', () => {
  it('reads the window from x-ratelimit-* and ignores an answer without them', () => {
    expect(
      windowFromHeaders({
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '17',
        'x-ratelimit-reset': '1779000000',
        'x-ratelimit-resource': 'core',
      }),
    ).toEqual({ limit: 1000, remaining: 17, resetAtMs: 1_779_000_000_000, resource: 'core' });
    expect(windowFromHeaders({ 'x-ratelimit-limit': '1000' })).toBeNull();
    expect(windowFromHeaders(undefined)).toBeNull();
  });
});

describe('merge-block bypass input', () => {
  it('reads TYPE:ID[:mode] lists and names the input and the form when one is wrong', () => {
    expect(parseBypassActors('Integration:123, RepositoryRole:5:pull_request')).toEqual([
      { actorType: 'Integration', actorId: 123, bypassMode: 'always' },
      { actorType: 'RepositoryRole', actorId: 5, bypassMode: 'pull_request' },
    ]);
    expect(parseBypassActors('')).toEqual([]);
    expect(() => parseBypassActors('release-bot', 'input merge-block-bypass')).toThrow(
      /^input merge-block-bypass: "release-bot" is not a bypass actor \(expected TYPE:ID/,
    );
  });
});
