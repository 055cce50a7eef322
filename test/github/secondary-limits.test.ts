/**
 * 1,000 label writes through the project's GitHub client against the emulator's policy mode, which
 * enforces GitHub's published secondary limits (80 content-creating requests a minute, 500 an hour,
 * 100 concurrent) on a scaled clock.
 *
 * Several clients share the token, as parallel jobs of one workflow would. The real throttling and retry
 * plugins cost a few ms of CPU a request (~150 writes a real second here), so at 400x the clients
 * exhaust the hourly limit (the first 500 writes take well under an emulated hour) but cannot
 * outrun the per-minute one; a second run at 20x (an emulated minute per 3 real seconds) outruns the per-minute
 * limit with a wide margin: it needs only ~27 writes a real second, so it still does while another test file shares
 * the two cores (at 60x it needed 80 a second and fell short beside other files on a busy machine). Every refusal
 * must be waited out and retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubClient } from '../../src/github/client.js';
import type { RepoRef } from '../../src/github/api/repo.js';
import { addLabels, removeLabel } from '../../src/github/api/labels.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { startGitHubEmulator, type GitHubEmulator, type PolicyReport } from '../github-emulator/index.js';

const LABEL = 'hold-for-canary';

interface Run {
  emulator: GitHubEmulator;
  report: PolicyReport;
  warnings: string[];
  failures: unknown[];
  labelled: number;
}

/** `clients` jobs; each labels and unlabels its own pull requests `rounds` times (2 writes a round). */
async function labelStorm(options: {
  clockScale: number;
  pulls: number;
  rounds: number;
  clients: number;
}): Promise<Run> {
  const emulator = await startGitHubEmulator({
    clockScale: options.clockScale,
    policy: true,
    seed: {
      pulls: Array.from({ length: options.pulls }, (_, i) => ({ number: i + 1, title: `change ${i + 1}` })),
    },
  });
  const run: Run = { emulator, report: undefined as never, warnings: [], failures: [], labelled: 0 };
  const clients = Array.from({ length: options.clients }, (_, k) => {
    const made = clientForEmulator(emulator, {
      userAgent: `canary-conductor job-${k}`,
      maxRateLimitRetries: 20,
    });
    run.warnings = made.log.warn;
    return made;
  });
  const job = async ({ client, repo }: { client: GitHubClient; repo: RepoRef }, k: number) => {
    for (let n = k + 1; n <= options.pulls; n += options.clients) {
      for (let round = 0; round < options.rounds; round += 1) {
        try {
          const added = await addLabels(client, repo, n, [LABEL]);
          if (added.performed && added.data.some((l) => l.name === LABEL)) run.labelled += 1;
          await removeLabel(client, repo, n, LABEL);
        } catch (error) {
          run.failures.push(error);
        }
      }
    }
  };
  await Promise.all(clients.map((c, k) => job(c, k)));
  run.warnings = clients.flatMap((c) => c.log.warn);
  run.report = emulator.policyReport();
  return run;
}

function earlyReturns(run: Run, clients: number): string[] {
  const early: string[] = [];
  const scale = run.emulator.clock.scale;
  for (let k = 0; k < clients; k += 1) {
    const mine = run.emulator.requests
      .filter((r) => r.userAgent?.startsWith(`canary-conductor job-${k}`))
      .sort((a, b) => a.emulatedArrival - b.emulatedArrival);
    mine.forEach((r, i) => {
      const next = mine[i + 1];
      if (r.outcome !== 'secondary-limit' || !next) return;
      const waitedMs = next.emulatedArrival - r.emulatedArrival;
      const askedMs = Number(r.responseHeaders['retry-after']) * 1000;
      // One real millisecond of timer rounding is `scale` emulated milliseconds.
      if (waitedMs < askedMs - scale)
        early.push(`job-${k} #${r.seq}: asked ${askedMs} ms, came back after ${Math.round(waitedMs)} ms`);
    });
  }
  return early;
}

function expectEveryRefusalRetried(run: Run, writes: number): void {
  expect(run.failures).toEqual([]);
  expect(run.report.contentCreatingAccepted).toBe(writes);
  const sent = run.emulator.requests.filter((r) => r.contentCreating);
  expect(sent.length).toBe(writes + run.report.secondaryLimitAnswers);
  expect(
    run.warnings.filter((w) => w.startsWith('secondary rate limit') && w.includes('waiting')).length,
  ).toBe(run.report.secondaryLimitAnswers);
  expect(run.warnings.filter((w) => w.includes('giving up'))).toEqual([]);
}

function expectLimitsKept(report: PolicyReport): void {
  expect(report.maxAcceptedPerMinute).toBeLessThanOrEqual(80);
  expect(report.maxAcceptedPerHour).toBeLessThanOrEqual(500);
  expect(report.maxConcurrentAccepted).toBeLessThanOrEqual(100);
}

describe('1,000 label writes under GitHub secondary limits (clock 400x: an emulated hour in 9 real seconds)', () => {
  const PULLS = 50;
  const ROUNDS = 10;
  const CLIENTS = 8;
  let run: Run;

  beforeAll(async () => {
    run = await labelStorm({ clockScale: 400, pulls: PULLS, rounds: ROUNDS, clients: CLIENTS });
  }, 60_000);
  afterAll(async () => {
    await run.emulator.close();
  });

  it('completes all 1,000 writes, no secondary-limit answer surfacing as an error', () => {
    expectEveryRefusalRetried(run, PULLS * ROUNDS * 2);
    expect(run.labelled).toBe(PULLS * ROUNDS);
    for (let n = 1; n <= PULLS; n += 1) expect(run.emulator.state.labelsOf(n)).toEqual([]);
  });

  it('was refused by the hourly limit, with 403 and 429 answers both handled', () => {
    expect(run.report.byLimit['per-hour']).toBeGreaterThan(0);
    const statuses = new Set(
      run.emulator.requests.filter((r) => r.outcome === 'secondary-limit').map((r) => r.status),
    );
    expect(statuses).toEqual(new Set([403, 429]));
  });

  it('kept the limits in every emulated window, as recomputed from the request log', () => {
    expectLimitsKept(run.report);
    // The second 500 could only start once the first hour's requests aged out.
    expect(run.report.emulatedSpanMs).toBeGreaterThan(3_600_000);
  });

  it('waited out each retry-after before that client sent again', () => {
    expect(earlyReturns(run, CLIENTS)).toEqual([]);
  });

  it('sent every request with the client user agent, and the log holds no credential', () => {
    expect(run.emulator.requests.every((r) => r.userAgent?.startsWith('canary-conductor job-'))).toBe(true);
    expect(run.emulator.requests.every((r) => r.authorization === 'token ***')).toBe(true);
  });
});

describe('outrunning the per-minute limit (clock 20x: an emulated minute per 3 real seconds)', () => {
  const CLIENTS = 8;
  let run: Run;

  beforeAll(async () => {
    run = await labelStorm({ clockScale: 20, pulls: 16, rounds: 8, clients: CLIENTS });
  }, 60_000);
  afterAll(async () => {
    await run.emulator.close();
  });

  it('was refused by the per-minute limit, retried every refusal and completed every write', () => {
    expect(run.report.byLimit['per-minute']).toBeGreaterThan(0);
    expectEveryRefusalRetried(run, 16 * 8 * 2);
  });

  it('never accepted more than 80 content-creating requests in an emulated minute', () => {
    expectLimitsKept(run.report);
    expect(run.report.maxAcceptedPerMinute).toBeGreaterThan(40);
    expect(earlyReturns(run, CLIENTS)).toEqual([]);
  });
});
