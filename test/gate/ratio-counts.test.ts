/**
 * Counts derived from ratio queries (sum(rate(a)) / sum(rate(b)), increase, by, matchers, a scale), what is not
 * decomposed and why, and the `validate` advisory that names the guardrail and shows the `counts:` block to add.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePlanText } from '../../src/config/index.js';
import { ratioShape } from '../../src/gate/ratio-counts.js';

const counts = (q: string, intervalS = 120) => {
  const r = ratioShape(q, intervalS);
  if (r.kind !== 'counts') throw new Error(`not decomposed: ${JSON.stringify(r)}`);
  return r.counts;
};

describe('ratioShape', () => {
  it('the reference plan accept ratio: events and totals over one stage interval', () => {
    expect(
      counts(
        'sum(rate(order_accept_failures_total{track="canary"}[1m])) / sum(rate(order_accept_total{track="canary"}[1m]))',
      ),
    ).toEqual({
      events: 'sum(increase(order_accept_failures_total{track="canary"}[2m]))',
      total: 'sum(increase(order_accept_total{track="canary"}[2m]))',
      scale: 1,
    });
  });

  it('a percentage, increase, by before or after, matchers holding brackets, parentheses, offset', () => {
    expect(
      counts(
        '100 * sum(rate(http_requests_total{track="c",status=~"5.."}[1m])) / sum(rate(http_requests_total{track="c"}[1m]))',
      ).scale,
    ).toBe(100);
    const grouped = counts('sum by (svc) (increase(x{a="}]"}[2m])) / sum(increase(y[2m])) by (svc)');
    expect(grouped.events).toBe('sum by (svc)(increase(x{a="}]"}[2m]))');
    expect(grouped.total).toBe('sum by (svc)(increase(y[2m]))');
    expect(counts('(sum(rate(a[1m]))) / (sum(rate(b[1m]))) * 100').scale).toBe(100);
    expect(counts('sum(rate(a[1m] offset 3h)) / sum(rate(b[1m] offset 3h))').events).toBe(
      'sum(increase(a[2m] offset 3h))',
    );
  });

  it('what is not decomposed says why; a query that does not divide is not a ratio', () => {
    const extra = ratioShape('sum(rate(a[1m])) / sum(rate(b[1m])) - 1', 120);
    expect(extra.kind).toBe('opaque-ratio');
    const gauges = ratioShape('avg(x) / avg(y)', 120);
    expect(gauges).toMatchObject({
      kind: 'opaque-ratio',
      reason: expect.stringContaining('cannot be derived'),
    });
    const short = ratioShape('sum(rate(a[1m])) / sum(rate(b[1m]))', 2);
    expect(short).toMatchObject({
      kind: 'opaque-ratio',
      reason: expect.stringContaining('stage interval (2s) is shorter than'),
    });
    expect(ratioShape('1000 * histogram_quantile(0.95, sum by (le) (rate(h[1m])))', 120).kind).toBe(
      'not-a-ratio',
    );
  });
});

describe('canary-conductor validate: advisory for a ratio that cannot be decomposed', () => {
  it('names the guardrail and shows the counts: block; the plan stays valid (exit 0)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'advisory-'));
    const plan = readFileSync('test/fixtures/reference-plan.yml', 'utf8').replace(
      'query: sum(rate(order_accept_failures_total{track="{{track}}"}[1m])) / sum(rate(order_accept_total{track="{{track}}"}[1m]))',
      'query: avg(order_accept_failure_ratio{track="{{track}}"}) / avg(order_accept_baseline_ratio{track="{{track}}"})',
    );
    expect(plan).toContain('order_accept_failure_ratio');
    writeFileSync(join(dir, 'plan.yml'), plan);
    // The CLI runs the compiled lib/, built once by test/global-setup.ts.
    const r = spawnSync(
      process.execPath,
      ['bin/canary-conductor.js', 'validate', '--config', join(dir, 'plan.yml')],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'advisory: guardrails.accept_errors: metric order_accept_error_rate is a ratio',
    );
    expect(r.stdout).toMatch(
      /counts:\n\s+events: 'sum\(increase\(<failures counter>\{track="\{\{track\}\}"\}\[2m\]\)\)'/,
    );
    // The reference plan as written needs no advice: its ratio is derived.
    const reference = spawnSync(
      process.execPath,
      ['bin/canary-conductor.js', 'validate', '--config', 'test/fixtures/reference-plan.yml'],
      { encoding: 'utf8' },
    );
    expect(reference.status).toBe(0);
    expect(reference.stdout).not.toContain('advisory');
  });
});

describe('min_detectable in a plan', () => {
  const planWith = (guardrail: string) =>
    validatePlanText(
      `version: 1
release: { service: s }
metrics:
  prometheus: { url: http://127.0.0.1:9 }
  queries:
    m: { query: 'm{track="{{track}}"}' }
guardrails:
  g: ${guardrail}
stages:
  - { name: s, traffic: 1, duration: 10m, interval: 2m, guardrails: [g] }
`,
      'plan',
    );
  const messages = (r: ReturnType<typeof planWith>) =>
    r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);

  it('is accepted on a percentage baseline comparison, refused elsewhere with the reason', () => {
    expect(
      planWith('{ metric: m, against: baseline, soft: { increase: 25% }, min_detectable: 40% }').ok,
    ).toBe(true);
    expect(messages(planWith('{ metric: m, hard: { above: 1 }, min_detectable: 40% }'))).toEqual([
      'guardrails.g.min_detectable: applies to baseline comparisons (add `against: baseline`, or remove min_detectable)',
    ]);
    expect(
      messages(
        planWith(
          '{ metric: m, against: baseline, test: none, hard: { increase: 40% }, min_detectable: 40% }',
        ),
      ),
    ).toEqual([
      'guardrails.g.min_detectable: needs the statistical judge (remove `test: none`, or remove min_detectable)',
    ]);
    expect(
      messages(planWith('{ metric: m, against: baseline, hard: { delta: 5 }, min_detectable: 40% }')),
    ).toEqual([
      'guardrails.g.min_detectable: is a percentage of the baseline: it needs a soft or hard level with increase or decrease',
    ]);
  });
});
