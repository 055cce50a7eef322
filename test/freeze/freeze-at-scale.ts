/**
 * The freeze against the GitHub emulator with many open PRs and GitHub's secondary limits enforced (policy mode,
 * scaled clock), evidence pushed with real git to a bare repository. `npm test` runs it over 100 PRs
 * (freeze-100.test.ts); `npm run test:scale` over 1,000 (freeze-1000.scale.test.ts), where the hourly limit binds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endFreeze } from '../../src/freeze/end.js';
import { gitEvidenceWriter } from '../../src/freeze/evidence.js';
import { createWritePacer, writeFloorMs } from '../../src/freeze/pacer.js';
import type { FreezeRunContext } from '../../src/freeze/run-context.js';
import { nextWindowText } from '../../src/freeze/run.js';
import { startFreeze, type FreezeReleaseOptions } from '../../src/freeze/start.js';
import { FREEZE_STATE_PATH, parseFreezeState } from '../../src/freeze/state.js';
import { gitStateReader } from '../../src/freeze/state-store.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { clientForEmulator } from '../github-emulator/client.js';
import {
  bareRepo,
  commitCount,
  emulatorClock,
  FREEZE,
  mixedPulls,
  PLAN,
  seedOf,
  showOnBranch,
} from './support.js';

// Slow enough that our own writes outrun the hourly limit (so the pacer must hold them back), fast enough to
// fit two emulated hours of writes into about a minute.
const SCALE = 120;

export function describeFreezeAtScale(COUNT: number): void {
  const pulls = mixedPulls(COUNT);
  const expectedHeld = pulls.filter((p) => p.expected === 'held').map((p) => p.number);
  const expectedAllowed = pulls.filter((p) => p.expected === 'allowed').map((p) => p.number);
  const preLabelled = new Set(pulls.filter((p) => p.preLabelled).map((p) => p.number));
  // Over 500 writes the hourly limit binds and the pacer must hold writes back.
  const hourlyBinds = expectedHeld.length * 2 > 500;

  let emulator: GitHubEmulator;
  // One pacer for every run of this test: the runs follow each other within the same emulated hours and spend the
  // same token's budget. (On GitHub, start and end are a day apart; a pacer counts only its own process's writes.)
  let pacer: ReturnType<typeof createWritePacer>;
  let evidence: ReturnType<typeof bareRepo>;

  function context(): FreezeRunContext {
    const { client, repo } = clientForEmulator(emulator);
    const clock = emulatorClock(emulator);
    return {
      github: client,
      repo,
      freeze: FREEZE,
      pacer,
      clock,
      actor: 'release-bot',
      runUrl: 'https://github.com/acme/spark-trading-api/actions/runs/42',
      log: () => undefined,
    };
  }

  function releaseOptions(): FreezeReleaseOptions {
    return {
      version: '1.4.0',
      release: 'v1.4.0',
      service: PLAN.release.service,
      stateReader: gitStateReader({ remote: evidence.dir, branch: 'canary-evidence' }),
      evidence: gitEvidenceWriter({ remote: evidence.dir, branch: 'canary-evidence' }),
      evidenceContext: {
        templates: createTemplateSource(),
        evidenceDir: 'evidence/1.4.0',
        service: PLAN.release.service,
        runUrl: '',
      },
    };
  }

  const labelled = () =>
    [...emulator.state.issues.values()]
      .filter((i) => i.labels.includes('hold-for-canary'))
      .map((i) => i.number)
      .sort((a, b) => a - b);
  const freezeStatusOf = (n: number) =>
    emulator.state
      .latestStatuses(emulator.state.issues.get(n)!.pull!.headSha)
      .find((s) => s.context === 'release-freeze');
  const writesSince = (seq: number) => emulator.requests.filter((r) => r.seq > seq && r.method !== 'GET');
  const lastSeq = () => Math.max(0, ...emulator.requests.map((r) => r.seq));

  beforeAll(async () => {
    emulator = await startGitHubEmulator({ seed: { pulls: seedOf(pulls) }, clockScale: SCALE, policy: true });
    evidence = bareRepo();
    pacer = createWritePacer({ clock: emulatorClock(emulator) });
  });
  afterAll(async () => {
    await emulator?.close();
    evidence?.cleanup();
  });

  describe(`freeze over ${COUNT} open PRs (policy mode, clock x${SCALE})`, { timeout: 300_000 }, () => {
    it('start labels exactly the held PRs, fails their head commits, and records the freeze', async () => {
      const before = lastSeq();
      const result = await startFreeze(context(), {
        ...releaseOptions(),
        nextWindow: (d) => nextWindowText(PLAN, d),
      });

      const byNumber = (a: number, b: number) => a - b;
      expect(
        result.pulls
          .filter((p) => p.class === 'held')
          .map((p) => p.number)
          .sort(byNumber),
      ).toEqual(expectedHeld);
      expect(
        result.pulls
          .filter((p) => p.class === 'allowed')
          .map((p) => p.number)
          .sort(byNumber),
      ).toEqual(expectedAllowed);
      // Labelled now: the held ones plus the hand-labelled PRs that were not held (allowed or other base), untouched.
      const handLabelledElsewhere = [...preLabelled].filter((n) => !expectedHeld.includes(n));
      const want = [...expectedHeld, ...handLabelledElsewhere].sort((a, b) => a - b);
      const got = labelled();
      expect({
        extra: got.filter((n) => !want.includes(n)),
        missing: want.filter((n) => !got.includes(n)),
      }).toEqual({ extra: [], missing: [] });
      expect(result.labelledNow).toBe(expectedHeld.filter((n) => !preLabelled.has(n)).length);
      for (const n of expectedHeld) {
        expect(freezeStatusOf(n)).toMatchObject({ state: 'failure' });
        expect(freezeStatusOf(n)!.description).toContain('v1.4.0');
      }
      for (const n of expectedAllowed) expect(freezeStatusOf(n)).toBeUndefined();
      expect(emulator.state.comments).toEqual([]);

      const state = parseFreezeState(showOnBranch(evidence.dir, 'canary-evidence', FREEZE_STATE_PATH)!);
      expect(state).toMatchObject({ active: true, release: 'v1.4.0', actor: 'release-bot' });
      expect(state.counts).toEqual({
        open: expectedHeld.length + expectedAllowed.length,
        held: expectedHeld.length,
        blocked: pulls.filter((p) => p.blocked).length,
        allowed: expectedAllowed.length,
        labelled: expectedHeld.filter((n) => !preLabelled.has(n)).length,
      });
      expect(state.pre_labelled).toEqual([...preLabelled].sort((a, b) => a - b));
      const startFile = showOnBranch(
        evidence.dir,
        'canary-evidence',
        'evidence/1.4.0/freeze_window_start.txt',
      )!;
      expect(startFile).toContain(`PRs on hold: ${expectedHeld.length}`);
      expect(startFile).toContain('Release: v1.4.0');
      // The freeze in force first (no counts yet), progress for `freeze status` while it ran, then the counts with
      // the start file.
      expect(commitCount(evidence.dir, 'canary-evidence')).toBeGreaterThanOrEqual(3);
      const first = parseFreezeState(
        showOnBranch(
          evidence.dir,
          `canary-evidence~${commitCount(evidence.dir, 'canary-evidence') - 1}`,
          FREEZE_STATE_PATH,
        )!,
      );
      expect(first).toMatchObject({ active: true, counts: null });
      expect(state.progress).toMatchObject({
        method: 'status',
        held: expectedHeld.length,
        mergeable: 0,
        eta: null,
      });

      const report = emulator.policyReport();
      expect(report.secondaryLimitAnswers).toBe(0);
      expect(report.maxAcceptedPerMinute).toBeLessThanOrEqual(80);
      expect(report.maxAcceptedPerHour).toBeLessThanOrEqual(500);
      // At 1,000 PRs the hourly limit did bind (more than 500 writes), so this is the pacer at work, not a slow client.
      if (hourlyBinds) expect(report.maxAcceptedPerHour).toBeGreaterThan(400);
      const writes = writesSince(before).map((r) => r.emulatedArrival);
      // The run kept GitHub's pace: first to last write took at least the floor the published limits impose.
      expect(Math.max(...writes) - Math.min(...writes)).toBeGreaterThanOrEqual(writeFloorMs(writes.length));
    });

    it('running start again makes zero writes and no new evidence commit', async () => {
      const before = lastSeq();
      const commits = commitCount(evidence.dir, 'canary-evidence');
      const result = await startFreeze(context(), {
        ...releaseOptions(),
        nextWindow: (d) => nextWindowText(PLAN, d),
      });
      expect(writesSince(before)).toEqual([]);
      expect(result.writes).toEqual([]);
      expect(result.resumed).toBe(true);
      expect(result.evidenceCommitted).toBe(false);
      expect(commitCount(evidence.dir, 'canary-evidence')).toBe(commits);
    });

    it('end removes every label the freeze added and none it did not, and turns every held status to success', async () => {
      const before = lastSeq();
      const result = await endFreeze(context(), releaseOptions());
      expect(emulator.policyReport().secondaryLimitAnswers).toBe(0);
      const stillLabelled = labelled();
      expect(stillLabelled).toEqual([...preLabelled].sort((a, b) => a - b));
      const removedNumbers = emulator.requests
        .filter((r) => r.seq > before && r.operationId === 'issues/remove-label')
        .map((r) => Number(r.params['issue_number']))
        .sort((a, b) => a - b);
      expect(removedNumbers).toEqual(expectedHeld.filter((n) => !preLabelled.has(n)));
      for (const n of expectedHeld)
        expect(freezeStatusOf(n)).toMatchObject({
          state: 'success',
          description: 'Release freeze for v1.4.0 lifted',
        });
      expect(result.keptLabels.sort((a, b) => a - b)).toEqual([...preLabelled].sort((a, b) => a - b));

      const state = parseFreezeState(showOnBranch(evidence.dir, 'canary-evidence', FREEZE_STATE_PATH)!);
      expect(state).toMatchObject({ active: false, released: removedNumbers.length });
      const endFile = showOnBranch(evidence.dir, 'canary-evidence', 'evidence/1.4.0/freeze_window_end.txt')!;
      expect(endFile).toContain(`PRs released: ${removedNumbers.length}`);
      expect(endFile).toMatch(/Duration: (\d+h )?\d+m/);
      expect(emulator.policyReport().secondaryLimitAnswers).toBe(0);
    });

    it('running end again makes zero writes', async () => {
      const before = lastSeq();
      const commits = commitCount(evidence.dir, 'canary-evidence');
      const result = await endFreeze(context(), releaseOptions());
      expect(writesSince(before)).toEqual([]);
      expect(result.evidenceCommitted).toBe(false);
      expect(commitCount(evidence.dir, 'canary-evidence')).toBe(commits);
    });
  });
}
