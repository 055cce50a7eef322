/**
 * The simulation's parts on their own: profiles derived from a plan, a network that never leaves the simulation,
 * and the GitHub emulator as the simulated repository's GitHub.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan, PreflightCheck } from '../../src/config/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import { signoffEnvironments } from '../../src/preflight/checks/signoffs.js';
import { createCommandRunner } from '../../src/platform/command.js';
import { createGitReader } from '../../src/preflight/git.js';
import { runPreflight } from '../../src/preflight/runner.js';
import { rehearsalReviewer, rehearseSignoff } from '../../src/simulate/rehearse-signoff.js';
import { startSimulatedGithub } from '../../src/simulate/world.js';
import { readSignoff } from '../../src/stage-gate/github-side.js';
import { runStage } from '../../src/gate/stage-run.js';
import { virtualClock } from '../../src/platform/clock.js';
import { SyntheticSource } from '../../src/metrics/synthetic.js';
import { embeddedPlanPath } from '../../src/simulate/default-plan.js';
import { createSimulationFetch } from '../../src/simulate/fetch-router.js';
import { deriveProfiles } from '../../src/simulate/profiles.js';
import { simulationStart } from '../../src/simulate/simulate.js';
import { allowed } from '../../src/calendar/index.js';
import { calendarConfigFromPlan } from '../../src/preflight/checks/calendar.js';

const reference = parsePlan(readFileSync(embeddedPlanPath(), 'utf8'), 'reference');

describe('deriveProfiles', () => {
  it('puts healthy values well inside and breach values well beyond the reference thresholds', () => {
    const byMetric = Object.fromEntries(deriveProfiles(reference).map((p) => [p.metric, p]));
    expect(byMetric.p95_latency_ms).toMatchObject({ healthy: 120, worseDirection: 'up', breachValue: 480 });
    expect(byMetric.error_rate_pct).toMatchObject({ healthy: 0.6, worseDirection: 'up' });
    expect(byMetric.error_rate_pct!.breachValue).toBeCloseTo(3.6);
    expect(byMetric.mem_available_pct).toMatchObject({ healthy: 40, worseDirection: 'down', breachValue: 5 });
    const accept = byMetric.order_accept_error_rate!;
    expect(accept.worseDirection).toBe('up');
    expect(accept.breachValue / accept.healthy).toBeGreaterThan(1.4); // beyond the hard +40% against the baseline
    expect(accept.noise).toBeLessThanOrEqual(0.02);
  });

  it('gives every example plan profiles the gate can use: a healthy stage proceeds', async () => {
    for (const file of ['examples/spark-trading.yml', 'examples/tradepulse.yml', 'examples/mm-bot.yml']) {
      const plan = parsePlan(readFileSync(file, 'utf8'), file);
      const profiles = deriveProfiles(plan);
      const start = new Date('2026-11-16T20:00:00Z');
      const stage = plan.stages[0]!;
      const result = await runStage({
        plan,
        stage,
        version: '1.0.0',
        source: new SyntheticSource({ scenario: 'healthy', profiles, startAt: start, onsetAt: 0, seed: 1 }),
        clock: virtualClock(start),
        mode: 'simulation',
      });
      expect({
        file,
        decision: result.decision,
        reason: result.decision === 'PROCEED' ? '' : result.reason,
      }).toEqual({ file, decision: 'PROCEED', reason: '' });
    }
  });
});

describe('the simulation network', () => {
  it('answers only the origins it stands in for and refuses any other, like an unreachable host', async () => {
    const f = createSimulationFetch([
      {
        from: 'http://127.0.0.1:4001',
        role: 'stand-in',
        handle: async (r) => new Response(`saw ${new URL(r.url).pathname}`),
      },
    ]);
    expect(await (await f('http://127.0.0.1:4001/api/healthz')).text()).toBe('saw /api/healthz');
    await expect(f('https://api.example.com/orders')).rejects.toMatchObject({
      cause: { code: 'ENOTSIMULATED' },
    });
  });
});

describe('simulationStart', () => {
  it('starts at the first moment the plan calendar allows the change set, or at --at', () => {
    const t0 = simulationStart(reference, ['schemas/order.json']);
    // Monday 09:00 in Istanbul: before the market opens, so a schema change may start.
    expect(t0.toISOString()).toBe('2026-11-16T06:00:00.000Z');
    expect(
      allowed(t0, { paths: ['schemas/order.json'] }, calendarConfigFromPlan(reference.calendar!)).ok,
    ).toBe(true);
    // With market hours starting at the reference instant, a schema change waits for the close (18:00 = 15:00Z).
    const later = {
      ...reference,
      calendar: {
        ...reference.calendar!,
        market_hours: { days: ['mon' as const], open: '08:00', close: '18:00' },
      },
    };
    expect(simulationStart(later, ['schemas/order.json']).toISOString()).toBe('2026-11-16T15:00:00.000Z');
    expect(simulationStart(reference, [], new Date('2026-11-17T12:00:00Z')).toISOString()).toBe(
      '2026-11-17T12:00:00.000Z',
    );
  });
});

describe('the simulated GitHub answers the sign-off reads as GitHub does', () => {
  it('serves the plan environments (case-insensitive) to the signoffs check, and the approvals a rehearsal gives', async () => {
    const clock = virtualClock(new Date('2026-11-27T07:00:00Z'));
    const plan = {
      ...reference,
      environments: {
        'Canary-1': { reviewers: ['jane-doe'], prevent_self_review: false },
        'canary-5': { reviewers: ['acme/sre'], prevent_self_review: false },
        'canary-25': { reviewers: ['omar'], prevent_self_review: false },
        production: { reviewers: ['risk-manager'], prevent_self_review: false },
        'first-night': { reviewers: [], prevent_self_review: false },
      },
    };
    const github = await startSimulatedGithub(plan, clock);
    try {
      const client = createGitHubClient({
        token: 'simulation-local-token',
        baseUrl: github.url,
        dryRun: false,
        log: { info: () => undefined, warn: () => undefined, debug: () => undefined },
        maskSecret: () => undefined,
      });
      const repo = { owner: 'simulated', repo: 'release' };
      const report = await runPreflight(
        [PreflightCheck.parse({ name: 'signoffs', signoffs: {} })],
        {
          fetch: globalThis.fetch,
          exec: createCommandRunner(),
          git: createGitReader(process.cwd()),
          clock,
          env: {},
          github: { client, repo, sha: 'a'.repeat(40) },
        },
        {
          version: '1.4.0',
          service: 'x',
          cwd: process.cwd(),
          signoffEnvironments: signoffEnvironments(reference),
        },
      );
      expect(report.results[0]!.status).toBe('fail');
      expect(report.results[0]!.observed).toBe(
        'canary-1: jane-doe; canary-5: sre; canary-25: omar; canary-50: missing; production: risk-manager; first-night: no reviewers',
      );
      expect(report.results[0]!.message).toMatch(/^canary-50 \(stages\[3\]\.environment\) does not exist: /);

      expect(rehearseSignoff(plan, 'canary-1', github, 1, 'test')).toBe('jane-doe');
      const reading = await readSignoff({ client, repo, runId: 1 }, 'canary-1', {
        info: () => undefined,
        warn: () => undefined,
      });
      expect(reading.signoff).toMatchObject({ approver: 'jane-doe', state: 'approved' });
      // The plan's first reviewer of the environment, else a named stand-in (the reference plan lists none).
      const spark = parsePlan(readFileSync('examples/spark-trading.yml', 'utf8'), 'spark');
      expect(rehearsalReviewer(spark, 'Production')).toBe('sre-lead');
      expect(rehearsalReviewer(reference, 'canary-50')).toBe('reviewer-of-canary-50');
    } finally {
      await github.close();
    }
  });
});
