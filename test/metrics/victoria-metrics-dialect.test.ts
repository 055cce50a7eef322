/**
 * Where VictoriaMetrics's answers differ from Prometheus's, against a real VictoriaMetrics 1.79, and what the
 * Prometheus source makes of each (docs/metrics/victoriametrics.md): fresh samples at "now" (the 30 s latency
 * offset), NaN results, errors, unmatched selectors, and range queries off the step grid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusSource } from '../../src/metrics/prometheus.js';
import type { MetricQuery } from '../../src/metrics/source.js';
import type { TestPrometheus } from '../support/prometheus.js';
import { startVictoriaMetrics } from '../support/victoria-metrics.js';

let vm: TestPrometheus;
let source: PrometheusSource;
const query = (text: string): MetricQuery => ({ metric: 'm', track: 'canary', query: text });

async function importLines(lines: string[]): Promise<void> {
  const response = await fetch(`${vm.url}/api/v1/import/prometheus`, {
    method: 'POST',
    body: `${lines.join('\n')}\n`,
  });
  expect(response.status).toBe(204);
  expect((await fetch(`${vm.url}/internal/force_flush`)).ok).toBe(true);
}

beforeAll(async () => {
  vm = await startVictoriaMetrics();
  source = new PrometheusSource({ url: vm.url, timeoutMs: 5_000, retries: 0 });
});

afterAll(async () => {
  await vm?.stop();
});

describe('the Prometheus source on VictoriaMetrics', () => {
  it('sees a sample written 5 s ago when asked for "now" (VictoriaMetrics alone would answer as of 30 s ago)', async () => {
    const now = Date.now();
    await importLines([`fresh_orders{track="canary"} 7 ${now - 5_000}`]);
    const at = new Date(now);
    const m = await source.instant(query('fresh_orders{track="canary"}'), at);
    expect(m).toMatchObject({ ok: true, value: 7 });
    // The server's own default, without nocache=1: the same question gets an empty answer.
    const raw = await fetch(
      `${vm.url}/api/v1/query?${new URLSearchParams({ query: 'fresh_orders{track="canary"}', time: String(now / 1000) })}`,
    ).then((r) => r.json() as Promise<{ data: { result: unknown[] } }>);
    expect(raw.data.result).toEqual([]);
  });

  it('0/0 (NaN, which VictoriaMetrics drops from answers) is unmeasurable as empty, never a value', async () => {
    const m = await source.instant(query('0/0'), new Date());
    expect(m).toMatchObject({ ok: false, reason: 'empty' });
    const inf = await source.instant(query('1/0'), new Date());
    expect(inf).toMatchObject({ ok: false, reason: 'nan' });
    expect(inf.ok ? '' : inf.message).toContain('+Inf');
  });

  it('an unmatched selector is empty, a syntax error is a query-error quoting the server (HTTP 422)', async () => {
    const empty = await source.instant(query('no_such_series{track="canary"}'), new Date());
    expect(empty).toMatchObject({ ok: false, reason: 'empty' });
    const bad = await source.instant(query('sum(rate(x[1m])'), new Date());
    expect(bad).toMatchObject({ ok: false, reason: 'query-error' });
    expect(bad.ok ? '' : bad.message).toMatch(/HTTP 422: 422: .*unparsed data/);
  });

  it('a range query of 60 points off the step grid answers at the asked times (VictoriaMetrics alone aligns it)', async () => {
    // VictoriaMetrics rounds start and end to the step when a cacheable range has 50 points or more.
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000;
    await importLines(
      Array.from({ length: 80 }, (_, i) => `gridded_gauge{track="canary"} ${i} ${base + i * 15_000}`),
    );
    const start = base + 37_000;
    const r = await source.range(
      query('gridded_gauge{track="canary"}'),
      new Date(start),
      new Date(start + 59 * 15_000),
      15,
    );
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    if (!r.ok) return;
    expect(r.points).toHaveLength(60);
    expect(r.points[0]).toEqual([start / 1000, 2]); // the newest sample at or before base+37 s is the one at 30 s
    expect(r.points.at(-1)).toEqual([start / 1000 + 59 * 15, 61]);
  });
});
