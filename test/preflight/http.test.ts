import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/preflight/runner.js';
import { check, deps, startService, type TestService } from './support.js';

let healthy: TestService;
let flaky: TestService;
let slow: TestService;
const options = { version: '1.4.0', service: 'spark-trading-api', cwd: process.cwd() };

beforeAll(async () => {
  [healthy, flaky, slow] = await Promise.all([
    startService('healthy'),
    startService('flaky'),
    startService('slow', { delayMs: 600 }),
  ]);
});
afterAll(async () => {
  await Promise.all([healthy?.close(), flaky?.close(), slow?.close()]);
});

describe('http health check', () => {
  it('passes on status 200 and JSON fields including the rendered {{version}}', async () => {
    const report = await runPreflight(
      [
        check({
          name: 'health',
          http: {
            url: `${healthy.url}/api/healthz`,
            expect: {
              status: 200,
              json: { version: '{{version}}', status: 'ok', 'checks.ws_lag_s': { max: 5 } },
            },
          },
        }),
      ],
      deps(process.cwd()),
      options,
    );
    const r = report.results[0]!;
    expect(r.status).toBe('pass');
    expect(r.observed).toContain('version = "1.4.0"');
    expect(report.summaryLine).toBe('1/1 PASS');
  });

  it('fails naming the field when the service reports another version', async () => {
    const report = await runPreflight(
      [
        check({
          name: 'health',
          http: { url: `${healthy.url}/api/healthz`, expect: { json: { version: '{{version}}' } } },
        }),
      ],
      deps(process.cwd()),
      { ...options, version: '1.5.0' },
    );
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toContain('version = "1.4.0", expected version = "1.5.0"');
    expect(report.summaryLine).toBe('0/1 FAIL');
  });

  it('fails with "cannot connect" when nothing listens, and says so after its retries', async () => {
    const closed = await startService('healthy');
    const url = closed.url;
    await closed.close();
    const report = await runPreflight(
      [check({ name: 'health', retries: 1, http: { url: `${url}/api/healthz` } })],
      deps(process.cwd()),
      options,
    );
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.observed).toMatch(/cannot connect \(ECONNREFUSED\)/);
    expect(r.attempts).toBe(2);
    expect(r.message).toContain('after 2 attempts');
  });

  it('fails on a timeout, with the timeout in the message', async () => {
    const report = await runPreflight(
      [check({ name: 'health', timeout: '200ms', http: { url: `${slow.url}/api/healthz` } })],
      deps(process.cwd()),
      options,
    );
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toContain('no answer within 200 ms');
  });
});

describe('http blast-radius probe (30 requests, >= 95% success, p95 <= 500 ms)', () => {
  const probe = (url: string) =>
    check({
      name: 'blast-radius',
      http: { url: `${url}/`, requests: 30, concurrency: 5, success_rate_min: 95, p95_max_ms: 500 },
    });

  it('passes against the healthy service', async () => {
    const report = await runPreflight([probe(healthy.url)], deps(process.cwd()), options);
    const r = report.results[0]!;
    expect(r.status, r.message).toBe('pass');
    expect(r.observed).toMatch(/^30\/30 succeeded \(100\.0%\)/);
  });

  it('fails against the flaky service (every tenth answer 503) on the success rate', async () => {
    const report = await runPreflight([probe(flaky.url)], deps(process.cwd()), options);
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toContain('success 90.0% is below 95%');
    expect(r.observed).toContain('503: 3');
    expect(r.message).not.toContain('p95');
  });

  it('fails against the slow service on p95, not on success', async () => {
    const report = await runPreflight(
      [
        check({
          name: 'blast-radius',
          http: { url: `${slow.url}/`, requests: 10, concurrency: 10, success_rate_min: 95, p95_max_ms: 500 },
        }),
      ],
      deps(process.cwd()),
      options,
    );
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/p95 \d+ ms is above 500 ms/);
    expect(r.message).not.toContain('success');
    expect((r.details as { p95_ms: number }).p95_ms).toBeGreaterThanOrEqual(590);
  });

  it('bounds concurrency: the service never sees more than 5 requests of a probe at once', async () => {
    const before = slow.hits;
    slow.resetInFlight();
    await runPreflight(
      [check({ name: 'b', http: { url: `${slow.url}/`, requests: 12, concurrency: 5 } })],
      deps(process.cwd()),
      options,
    );
    expect(slow.hits - before).toBe(12);
    expect(slow.maxInFlight).toBe(5);
  });
});

describe('runner', () => {
  it('runs independent checks concurrently, and keeps their order in the report', async () => {
    slow.resetInFlight();
    const checks = ['a', 'b', 'c'].map((name) => check({ name, http: { url: `${slow.url}/api/healthz` } }));
    const report = await runPreflight(checks, deps(process.cwd()), options);
    expect(report.summaryLine).toBe('3/3 PASS');
    expect(slow.maxInFlight).toBe(3);
    expect(report.results.map((r) => r.name)).toEqual(['a', 'b', 'c']);
  });
});
