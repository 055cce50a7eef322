/**
 * The metric-source registry: the plan's one `metrics.<kind>` builds its source, the run-time URL override wins in
 * a fixed order, a named but unset token variable fails before anything is measured, and a plan with no source or
 * two is refused at validation, naming `metrics`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, parsePlan, validatePlanText, type MetricsSettings } from '../../src/config/index.js';
import { createMetricSource, metricSourceKind } from '../../src/metrics/registry.js';
import { metricSourceSecrets } from '../../src/metrics/secret-refs.js';

const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');
const metricsOf = (text: string): MetricsSettings => parsePlan(text).metrics;

let server: Server;
let base: string;
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization ?? '-'}`);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '42'] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createMetricSource', () => {
  it('builds the Prometheus source of the reference plan and reads through it', async () => {
    const metrics = metricsOf(reference);
    expect(metricSourceKind(metrics)).toBe('prometheus');
    const source = createMetricSource(metrics, { url: `${base}/prom`, env: { PROM_TOKEN: 'tok-123456' } });
    expect(source.describe()).toBe(`prometheus ${base}/prom`);
    const m = await source.instant({ metric: 'x', track: 'canary', query: 'vector(42)' }, new Date());
    expect(m).toMatchObject({ ok: true, value: 42, query: 'vector(42)' });
    expect(seen.at(-1)).toMatch(/^\/prom\/api\/v1\/query\?query=vector%2842%29&time=\S+ Bearer tok-123456$/);
  });

  it('takes the URL from the override, then CANARY_METRICS_URL, then CANARY_PROMETHEUS_URL, then the plan', () => {
    const metrics = metricsOf(reference);
    const env = {
      PROM_TOKEN: 't',
      CANARY_METRICS_URL: 'http://127.0.0.1:2',
      CANARY_PROMETHEUS_URL: 'http://127.0.0.1:3',
    };
    expect(createMetricSource(metrics, { url: 'http://127.0.0.1:1', env }).describe()).toBe(
      'prometheus http://127.0.0.1:1',
    );
    expect(createMetricSource(metrics, { env }).describe()).toBe('prometheus http://127.0.0.1:2');
    const { CANARY_METRICS_URL: _m, ...onlyOld } = env;
    expect(createMetricSource(metrics, { env: onlyOld }).describe()).toBe('prometheus http://127.0.0.1:3');
    expect(createMetricSource(metrics, { env: { PROM_TOKEN: 't' } }).describe()).toBe(
      'prometheus http://127.0.0.1:9090',
    );
  });

  it('fails before measuring when the token variable the plan names is unset, naming the field', () => {
    expect(() => createMetricSource(metricsOf(reference), { env: {} })).toThrow(
      /^metrics\.prometheus\.bearer_token_env: environment variable PROM_TOKEN is not set/,
    );
  });

  it('tells the masker where the source keeps its secrets', () => {
    expect(metricSourceSecrets(metricsOf(reference))).toEqual({
      envs: ['PROM_TOKEN'],
      urls: ['http://127.0.0.1:9090'],
    });
  });

  it('refuses a metrics section with no source, or two, at validation and at build time', () => {
    const none = reference.replace(
      / {2}prometheus:\n {4}url: [^\n]*\n {4}bearer_token_env: PROM_TOKEN[^\n]*\n/,
      '',
    );
    expect(none).not.toBe(reference);
    const r = validatePlanText(none);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map(formatProblem)).toContainEqual(
        expect.stringMatching(/^metrics .*has no source \(exactly one of prometheus/),
      );
    expect(() =>
      metricSourceKind({ tracks: { label: 't', canary: 'c', baseline: 'b' }, queries: {} }),
    ).toThrow(/^metrics: has no source \(exactly one of prometheus/);
  });
});
