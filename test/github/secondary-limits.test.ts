/**
 * 1,000 label writes through the project's GitHub client against the emulator's policy mode, which
 * enforces GitHub's published secondary limits (80 content-creating requests a minute, 500 an hour,
 * 100 concurrent) on a clock running 1,000x: an emulated hour passes in 3.6 real seconds.
 *
 * Four clients share the token, as four jobs of one workflow would, so together they outrun the
 * per-minute limit and then exhaust the hourly one; every refusal must be waited out and retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLabels, removeLabel } from '../../src/github/api/labels.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { startGitHubEmulator, type GitHubEmulator, type PolicyReport } from '../github-emulator/index.js';

const CLOCK_SCALE = 1000;
const PULLS = 50;
const ROUNDS = 10;
const CLIENTS = 4;
const LABEL = 'hold-for-canary';

let emulator: GitHubEmulator;
let report: PolicyReport;
let warnings: string[][];
const failures: unknown[] = [];
let addResults = 0;

beforeAll(async () => {
  emulator = await startGitHubEmulator({
    clockScale: CLOCK_SCALE,
    policy: true,
    seed: { pulls: Array.from({ length: PULLS }, (_, i) => ({ number: i + 1, title: `change ${i + 1}` })) },
  });
  const clients = Array.from({ length: CLIENTS }, (_, k) =>
    clientForEmulator(emulator, { userAgent: `canary-conductor job-${k}`, maxRateLimitRetries: 20 }),
  );
  warnings = clients.map((c) => c.log.warn);
  // Each job labels and unlabels its own pull requests, ROUNDS times each: 50 x 10 x 2 = 1,000 writes.
  await Promise.all(
    clients.map(async ({ client, repo }, k) => {
      for (let n = k + 1; n <= PULLS; n += CLIENTS) {
        for (let round = 0; round < ROUNDS; round += 1) {
          try {
            const added = await addLabels(client, repo, n, [LABEL]);
            if (added.performed && added.data.some((l) => l.name === LABEL)) addResults += 1;
            await removeLabel(client, repo, n, LABEL);
          } catch (error) {
            failures.push(error);
          }
        }
      }
    }),
  );
  report = emulator.policyReport();
}, 60_000);

afterAll(async () => {
  await emulator.close();
});

describe('1,000 label writes under GitHub secondary limits', () => {
  it('completes every write with no secondary-limit answer surfacing as an error', () => {
    expect(failures).toEqual([]);
    expect(addResults).toBe(PULLS * ROUNDS);
    expect(report.contentCreatingAccepted).toBe(PULLS * ROUNDS * 2);
    for (let n = 1; n <= PULLS; n += 1) expect(emulator.state.labelsOf(n)).toEqual([]);
  });

  it('was refused by both the per-minute and the per-hour limit, and retried every refusal', () => {
    expect(report.byLimit['per-minute']).toBeGreaterThan(0);
    expect(report.byLimit['per-hour']).toBeGreaterThan(0);
    const writes = emulator.requests.filter((r) => r.contentCreating);
    expect(writes.length).toBe(PULLS * ROUNDS * 2 + report.secondaryLimitAnswers);
    const statuses = new Set(writes.filter((r) => r.outcome === 'secondary-limit').map((r) => r.status));
    expect(statuses).toEqual(new Set([403, 429]));
    const warned = warnings.flat().filter((w) => w.startsWith('secondary rate limit'));
    expect(warned.length).toBe(report.secondaryLimitAnswers);
    expect(warnings.flat().filter((w) => w.includes('giving up'))).toEqual([]);
  });

  it('kept the limits in every emulated window, as recomputed from the request log', () => {
    expect(report.maxAcceptedPerMinute).toBeLessThanOrEqual(80);
    expect(report.maxAcceptedPerHour).toBeLessThanOrEqual(500);
    expect(report.maxConcurrentAccepted).toBeLessThanOrEqual(100);
    // The second 500 could only start once the first hour's requests aged out.
    expect(report.emulatedSpanMs).toBeGreaterThan(3_600_000);
  });

  it('waited out each retry-after before that client sent again', () => {
    const early: string[] = [];
    for (let k = 0; k < CLIENTS; k += 1) {
      const mine = emulator.requests
        .filter((r) => r.userAgent?.startsWith(`canary-conductor job-${k}`))
        .sort((a, b) => a.emulatedArrival - b.emulatedArrival);
      mine.forEach((r, i) => {
        const next = mine[i + 1];
        if (r.outcome !== 'secondary-limit' || !next) return;
        const waitedMs = next.emulatedArrival - r.emulatedArrival;
        const askedMs = Number(r.responseHeaders['retry-after']) * 1000;
        // One real millisecond of timer rounding is one emulated second at this scale.
        if (waitedMs < askedMs - CLOCK_SCALE) early.push(`job-${k} #${r.seq}: asked ${askedMs} ms, came back after ${Math.round(waitedMs)} ms`);
      });
    }
    expect(early).toEqual([]);
  });

  it('sent every request with the client user agent and a masked credential in the log', () => {
    expect(emulator.requests.every((r) => r.userAgent?.startsWith('canary-conductor job-'))).toBe(true);
    expect(emulator.requests.every((r) => r.authorization === 'token ***')).toBe(true);
  });
});
