/**
 * query checks (and promql, their old name) against the plan's metric source, built by the registry: a real
 * Prometheus 2.42 with backfilled history: `pos_skew_breach_total` is flat for
 * service "clean" and grows by one a minute for service "dirty" (the promote precondition
 * `increase(pos_skew_breach_total[10m]) == 0`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricSource } from '../../src/metrics/registry.js';
import { runPreflight } from '../../src/preflight/runner.js';
import { startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { check, deps } from './support.js';

const MIN = 60_000;
const t0 = Math.floor((Date.now() - 70 * MIN) / MIN) * MIN;
const at = new Date(t0 + 40 * MIN);

function history(): string {
  const lines = ['# TYPE pos_skew_breach counter'];
  for (const service of ['clean', 'dirty']) {
    for (let t = t0; t <= t0 + 60 * MIN; t += 15_000) {
      const value = service === 'dirty' ? Math.floor((t - t0) / MIN) : 0;
      lines.push(`pos_skew_breach_total{service="${service}"} ${value} ${t / 1000}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

let prom: TestPrometheus;
beforeAll(async () => {
  prom = await startPrometheus({ history: history() });
});
afterAll(async () => {
  await prom?.stop();
});

const opts = { version: '1.4.0', service: 'mm-bot', cwd: process.cwd() };
const withProm = (url: string) =>
  deps(process.cwd(), {
    clock: { now: () => at },
    metrics: () =>
      createMetricSource(
        {
          prometheus: { url, timeout: 5, retries: 0 },
          tracks: { label: 'track', canary: 'canary', baseline: 'stable' },
          queries: {},
        },
        { env: {} },
      ),
  });

describe('query checks on a real Prometheus', () => {
  it('passes when the breach counter did not increase, and fails with the value when it did (query, and promql as its alias)', async () => {
    const report = await runPreflight(
      [
        check({
          name: 'skew-clean',
          query: { query: 'sum(increase(pos_skew_breach_total{service="clean"}[10m]))', expect: { max: 0 } },
        }),
        check({
          name: 'skew-dirty',
          promql: { query: 'sum(increase(pos_skew_breach_total{service="dirty"}[10m]))', expect: { max: 0 } },
        }),
      ],
      withProm(prom.url),
      opts,
    );
    const [clean, dirty] = report.results;
    expect(clean!.status, clean!.message).toBe('pass');
    expect(clean!.observed).toBe('0');
    expect(dirty!.status).toBe('fail');
    const value = (dirty!.details as { value: number }).value;
    expect(value).toBeGreaterThan(8);
    expect(dirty!.message).toBe(
      `sum(increase(pos_skew_breach_total{service="dirty"}[10m])) = ${value} is above the maximum 0`,
    );
    expect(report.summaryLine).toBe('1/2 FAIL');
    expect(report.results.map((r) => r.kind)).toEqual(['query', 'promql']);
    expect(dirty!.details).toMatchObject({
      query: 'sum(increase(pos_skew_breach_total{service="dirty"}[10m]))',
    });
  });

  it('refuses a check that declares both query and its old name promql', async () => {
    const both = { query: 'vector(0)', expect: { max: 0 } };
    const report = await runPreflight(
      [check({ name: 'twice', query: both, promql: both })],
      withProm(prom.url),
      opts,
    );
    expect(report.results[0]).toMatchObject({ status: 'error' });
    expect(report.results[0]!.message).toBe(
      'preflight twice: declares query and promql (exactly one kind per check)',
    );
  });

  it('fails on no data: a metric nobody exports, and the "== 0" filter when the counter grew', async () => {
    const report = await runPreflight(
      [
        check({ name: 'missing', promql: { query: 'sum(pos_skew_breach_totl)', expect: { max: 0 } } }),
        check({
          name: 'filter',
          promql: { query: 'increase(pos_skew_breach_total{service="dirty"}[10m]) == 0', expect: {} },
        }),
      ],
      withProm(prom.url),
      opts,
    );
    for (const r of report.results) {
      expect(r.status).toBe('fail');
      expect(r.observed).toBe('no value (empty)');
      expect(r.message).toContain('empty vector');
    }
  });

  it('checks a lower bound (min)', async () => {
    const report = await runPreflight(
      [
        check({
          name: 'breaches-seen',
          promql: { query: 'sum(pos_skew_breach_total{service="dirty"})', expect: { min: 100 } },
        }),
      ],
      withProm(prom.url),
      opts,
    );
    expect(report.results[0]!.status).toBe('fail');
    expect(report.results[0]!.message).toContain('is below the minimum 100');
  });

  it('fails when Prometheus cannot be reached, and is an error when none is configured', async () => {
    const unreachable = await runPreflight(
      [check({ name: 'skew', promql: { query: 'vector(0)', expect: { max: 0 } } })],
      withProm('http://127.0.0.1:1'),
      opts,
    );
    expect(unreachable.results[0]!.status).toBe('fail');
    expect(unreachable.results[0]!.observed).toBe('no value (unreachable)');
    const none = await runPreflight(
      [check({ name: 'skew', promql: { query: 'vector(0)', expect: { max: 0 } } })],
      deps(process.cwd()),
      opts,
    );
    expect(none.results[0]!.status).toBe('error');
    expect(none.results[0]!.message).toContain('no metric source to query');
  });
});
