import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { realClock, replayClock, virtualClock } from '../../src/platform/clock.js';
import { shortName, unitOf } from '../../src/gate/metric-names.js';
import { renderCountsQueries, renderQuery } from '../../src/gate/query.js';
import { runStage } from '../../src/gate/stage-run.js';
import { minuteMark } from '../../src/gate/warroom.js';
import { stageSummaryHtml } from '../../src/action/stage-summary.js';
import { plan, source, T0 } from './gate-fixtures.js';
import { readFileSync } from 'node:fs';

describe('war-room names and units', () => {
  it.each([
    ['p95_latency_ms', 'p95', 'ms'],
    ['error_rate_pct', '5xx', '%'],
    ['order_accept_error_rate', 'accept', undefined],
    ['mem_available_pct', 'mem', '%'],
    ['websocket_staleness_seconds', 'ws', 's'],
    ['idempotency_conflict_ratio', 'idemp', undefined],
    ['http_errors_total', '5xx', undefined],
    ['net_bps', 'net', 'bps'],
  ])('%s -> %s (%s)', (key, name, unit) => {
    expect(shortName(key)).toBe(name);
    expect(unitOf(key)).toBe(unit);
  });

  it('label and unit in the plan win', () => {
    expect(shortName('order_age_p95_ms', { label: 'age' })).toBe('age');
    expect(unitOf('taker_share', { unit: '%' })).toBe('%');
  });

  it('minute marks count from T0, with seconds for sub-minute stages', () => {
    expect(minuteMark(0)).toBe(':00');
    expect(minuteMark(15 * 60)).toBe(':15');
    expect(minuteMark(90 * 60 + 59)).toBe(':90');
    expect(minuteMark(6, true)).toBe(':00:06');
  });

  it('the minute is counted from the release start when given (:20 | Stage 2 ...)', async () => {
    const p = plan({});
    const r = await runStage({
      plan: p,
      stage: 'pilot',
      source: source(),
      clock: virtualClock(T0),
      startAt: T0,
      releaseStartedAt: new Date(T0.getTime() - 20 * 60_000),
    });
    expect(r.samples[0]!.warroom.startsWith(':22 | Stage 1 (1%)')).toBe(true);
  });
});

describe('war-room status words', () => {
  const linesOf = async (overrides: Parameters<typeof source>[0]) => {
    const r = await runStage({
      plan: plan({}),
      stage: 'pilot',
      source: source(overrides),
      clock: virtualClock(T0),
      startAt: T0,
    });
    return r.samples.map((s) => s.warroom);
  };

  it('a soft breach not yet held for its `for` reads PENDING, then SOFT once held; never WITHIN', async () => {
    // error_rate soft: above 1.5 for 5m; the canary sits at 2% from minute 0.
    const lines = await linesOf({ 'error_rate_pct/canary': () => 2 });
    expect(lines[0]).toContain('PASS error_rate=PENDING');
    const firstSoft = lines.findIndex((l) => l.includes('error_rate=SOFT'));
    expect(firstSoft).toBeGreaterThan(0);
    expect(lines.slice(0, firstSoft).every((l) => l.includes('error_rate=PENDING'))).toBe(true);
    expect(lines.join('\n')).not.toContain('WITHIN');
  });

  it('a value over its pass line but under soft reads PASS-UNMET, not PASS or WITHIN', async () => {
    // api_p95 pass: below 200, soft: above 250; 220 ms meets neither.
    const lines = await linesOf({ 'p95_latency_ms/canary': () => 220 });
    expect(lines.at(-1)).toContain('p95=220ms');
    expect(lines.at(-1)).toContain('PASS api_p95=PASS-UNMET');
    expect(lines.join('\n')).not.toContain('WITHIN');
  });

  it('the job summary shows the same words as the war-room line', async () => {
    const p = plan({});
    const result = await runStage({
      plan: p,
      stage: 'pilot',
      source: source({ 'error_rate_pct/canary': () => 2, 'p95_latency_ms/canary': () => 220 }),
      clock: virtualClock(T0),
      startAt: T0,
    });
    const html = stageSummaryHtml({
      plan: p,
      version: '1.4.0',
      stageNumber: 1,
      result,
      facts: [],
      dryRun: false,
    });
    // The compact row per guardrail carries its last word; the folded war-room log the words of every sample.
    expect(html).toContain('<td><b>PASS-UNMET</b></td>');
    expect(html).toContain('<td><b>SOFT</b></td>');
    expect(html).toContain('error_rate=PENDING');
    expect(html).not.toContain('WITHIN');
  });

  it('an unmeasurable canary reads NO-DATA, and a hard breach HARD', async () => {
    const noData = await linesOf({ 'mem_available_pct/canary': () => undefined });
    expect(noData[0]).toContain('memory_headroom=NO-DATA');
    const hard = await linesOf({ 'p95_latency_ms/canary': () => 500 });
    expect(hard[0]).toContain('PASS api_p95=HARD');
    expect(hard[0]).toMatch(/\| IC: Rollback$/);
  });
});

describe('renderQuery', () => {
  const reference = parsePlan(readFileSync('.github/canary.yml', 'utf8'), 'canary.yml');
  it('renders {{track}} with the plan track label values', () => {
    expect(renderQuery(reference, 'mem_available_pct', 'canary')).toBe(
      'min(mem_available_pct{track="canary"})',
    );
    expect(renderQuery(reference, 'mem_available_pct', 'baseline')).toBe(
      'min(mem_available_pct{track="stable"})',
    );
  });

  it('renders the other placeholders and names a missing one', () => {
    const p = plan({
      extraQueries: `\n    versioned: { query: 'up{version="{{version}}",stage="{{stage}}",track="{{track}}"}', counts: { events: 'e{track="{{track}}"}', total: 't{track="{{track}}"}' } }`,
    });
    expect(renderQuery(p, 'versioned', 'canary', { version: '1.4.0', stage: 'pilot' })).toBe(
      'up{version="1.4.0",stage="pilot",track="canary"}',
    );
    expect(() => renderQuery(p, 'versioned', 'canary', { stage: 'pilot' })).toThrow(
      /metrics\.queries\.versioned\.query: \{\{version\}\} has no value/,
    );
    expect(renderCountsQueries(p, 'versioned', 'baseline')).toEqual({
      events: 'e{track="stable"}',
      total: 't{track="stable"}',
    });
    expect(() => renderQuery(p, 'nope', 'canary')).toThrow(/no query named "nope"/);
  });
});

describe('clocks', () => {
  it('a virtual clock only moves when slept on', async () => {
    const c = virtualClock(T0);
    await c.sleepUntil(new Date(T0.getTime() + 5000));
    expect(c.now().getTime()).toBe(T0.getTime() + 5000);
    await c.sleepUntil(T0);
    expect(c.now().getTime()).toBe(T0.getTime() + 5000);
  });

  it('a replay clock jumps through the past but waits for the future', async () => {
    const start = new Date(Date.now() - 60_000);
    const c = replayClock(start);
    await c.sleepUntil(new Date(start.getTime() + 30_000));
    expect(c.now().getTime()).toBe(start.getTime() + 30_000);
    const soon = new Date(Date.now() + 150);
    const t = Date.now();
    await c.sleepUntil(soon);
    expect(Date.now()).toBeGreaterThanOrEqual(t + 100);
  });

  it('the real clock can be aborted', async () => {
    const ac = new AbortController();
    const p = realClock.sleepUntil(new Date(Date.now() + 10_000), ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});
