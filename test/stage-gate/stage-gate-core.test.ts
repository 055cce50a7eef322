/**
 * The pure parts of stage-gate: which stage a job runs, how a result becomes evidence and a decision record,
 * the first-night burn-rate query, the promotion check, and the job summary's escaping.
 */
import { describe, expect, it } from 'vitest';
import { parsePlan, type ReleasePlan } from '../../src/config/index.js';
import { renderEvidence, createTemplateSource } from '../../src/evidence/render.js';
import { appendDecision, readDecisionLog } from '../../src/evidence/decision-log.js';
import { guardrailChart, mermaidText, stageSummaryHtml } from '../../src/action/stage-summary.js';
import { burnRateQuery, firstNightTooEarly } from '../../src/stage-gate/first-night.js';
import { promotionBlocker } from '../../src/stage-gate/promote.js';
import { releaseDeploymentId, resolveStage } from '../../src/stage-gate/stage-ref.js';
import { timelineLabel } from '../../src/evidence/timeline.js';
import {
  metricsSnapshot,
  rolloutStageView,
  stageDecisionInput,
  warroomView,
} from '../../src/evidence/stage-views.js';
import type { GuardrailSample, StageResult } from '../../src/gate/types.js';

const PLAN = parsePlan(
  `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: "http://127.0.0.1:9" }
  queries:
    p95_latency_ms: { query: '1000 * histogram_quantile(0.95, sum by (le) (rate(h_bucket{track="{{track}}"}[1m])))' }
    error_rate_pct: { query: '100 * sum(rate(r{track="{{track}}",status=~"5.."}[1m])) / sum(rate(r{track="{{track}}"}[1m]))' }
    accept_fail_ratio: { query: 'sum(rate(f{track="{{track}}"}[1m])) / sum(rate(t{track="{{track}}"}[1m]))' }
guardrails:
  api_p95: { metric: p95_latency_ms, pass: { below: 200 }, hard: { above: 400 } }
  accept: { metric: accept_fail_ratio, against: baseline, hard: { increase: 40% } }
  error_rate: { metric: error_rate_pct, pass: { below: 1 }, hard: { above: 3 } }
stages:
  - { name: pilot, traffic: 1, duration: 6s, interval: 2s, environment: canary-1, guardrails: [api_p95, accept, error_rate] }
  - { name: full, traffic: 100, duration: 6s, interval: 2s, environment: production, guardrails: [api_p95] }
signoff:
  first_night: { environment: first-night, window: 24h, slo_burn_rate_max: 1.5, slo_burn_rate_query: 'slo:burn_rate24h{track="{{track}}"}' }
`,
  'plan',
);

function sample(
  name: string,
  canary: number | null,
  baseline: number | null,
  status: GuardrailSample['status'],
  metric = 'p95_latency_ms',
): GuardrailSample {
  return {
    name,
    metric,
    against: baseline === null ? null : 'baseline',
    status,
    reason: `${name} <b>"why"</b>`,
    values: { canary, baseline },
    thresholds: ['pass < 200 ms', 'hard > 400 ms'],
    query: { canary: 'q{track="canary"}' },
  };
}

const RESULT: StageResult = {
  decision: 'ROLLBACK',
  decided_at: '2026-05-16T21:00:04.000Z',
  reason: 'api_p95 hard breach: p95 612 ms > 400 ms',
  stage: { name: 'pilot', index: 0, traffic: 1, duration_s: 6, interval_s: 2 },
  source: 'prometheus http://127.0.0.1:9',
  mode: 'live',
  samples: [
    {
      index: 1,
      at: '2026-05-16T21:00:02.000Z',
      elapsed_s: 2,
      state: 'sampling',
      decision: null,
      reason: '',
      measured: true,
      holds: 0,
      window_ends_at: '',
      guardrails: [sample('api_p95', 142, null, 'pass')],
      warroom: ':00:02 | Stage 1 (1%) | p95=142ms | 1/1 PASS | IC: Continue',
    },
    {
      index: 2,
      at: '2026-05-16T21:00:04.000Z',
      elapsed_s: 4,
      state: 'decided',
      decision: 'ROLLBACK',
      reason: '',
      measured: true,
      holds: 0,
      window_ends_at: '',
      guardrails: [sample('api_p95', 612, null, 'hard')],
      warroom: ':00:04 | Stage 1 (1%) | p95=612ms | 0/1 PASS api_p95=HARD | IC: Rollback',
    },
  ],
  guardrails: [{ ...sample('api_p95', 612.4, null, 'hard'), counts: { pass: 1, hard: 1 } }],
  holds: 0,
  started_at: '2026-05-16T21:00:00.000Z',
  ended_at: '2026-05-16T21:00:04.000Z',
  triggered_by: ['api_p95'],
};

describe('stage-gate core', () => {
  it('resolves the stage from its number or its name and names the choices otherwise', () => {
    expect(resolveStage(PLAN, '2')).toMatchObject({
      index: 1,
      number: 2,
      weight: 100,
      environment: 'production',
    });
    expect(resolveStage(PLAN, 'pilot')).toMatchObject({ index: 0, number: 1, environment: 'canary-1' });
    expect(() => resolveStage(PLAN, '3')).toThrow(
      'input stage: 3 is not a stage of the plan (expected 1..2: 1=pilot, 2=full)',
    );
    expect(() => resolveStage(PLAN, 'half')).toThrow(/"half" is not a stage/);
    expect(() => resolveStage(PLAN, ' ')).toThrow(/input stage is missing/);
    expect(releaseDeploymentId(PLAN, '1.4.0', '42')).toBe('spark-trading-api-1.4.0-42');
    expect(releaseDeploymentId(PLAN, '1.4.0', '')).toBe('spark-trading-api-1.4.0-local');
  });

  it('writes the engine war-room line into warroom_log.txt byte for byte', () => {
    const templates = createTemplateSource();
    const stage = resolveStage(PLAN, '1');
    for (const s of RESULT.samples) {
      const r = renderEvidence('warroom_log', warroomView('1.4.0', stage, s.warroom), {
        clock: { now: () => new Date(0) },
        templates,
        dir: 'evidence/1.4.0',
      });
      expect(r.content).toBe(`${s.warroom}\n`);
    }
    expect(() => warroomView('1.4.0', stage, 'not a line')).toThrow(/5 parts/);
  });

  it('renders rollout_stage_<weight>.txt and the decision record with the values that decided', () => {
    const stage = resolveStage(PLAN, '1');
    const templates = createTemplateSource();
    const rollout = renderEvidence('rollout_stage', rolloutStageView(PLAN, '1.4.0', stage, RESULT), {
      clock: { now: () => new Date(RESULT.decided_at) },
      templates,
      dir: 'evidence/1.4.0',
    });
    expect(rollout.path).toBe('evidence/1.4.0/rollout_stage_1.txt');
    expect(rollout.content).toContain(
      '[HARD] api_p95: canary=612.4ms threshold=pass < 200 ms; hard > 400 ms',
    );
    expect(metricsSnapshot(RESULT)).toEqual({
      api_p95: { canary: 612.4, baseline: null, threshold: 'pass < 200 ms; hard > 400 ms', status: 'HARD' },
    });
    const input = stageDecisionInput({
      version: '1.4.0',
      deploymentId: 'd-1',
      stage,
      result: RESULT,
      signoff: {
        environment: 'canary-1',
        state: 'approved',
        approver: 'jane-doe',
        approval_comment: 'go',
        reviews: [],
      },
      evidenceFiles: [rollout.path],
    });
    const log = appendDecision(null, input, { now: () => new Date('2026-05-16T21:00:05Z') });
    expect(readDecisionLog(log)[0]).toMatchObject({
      phase: 'stage:pilot',
      decision: 'ROLLBACK',
      approver: 'jane-doe',
      approval_comment: 'go',
      traffic_share: 1,
      reason: RESULT.reason,
    });
  });

  it("takes the first-night burn rate from the plan's query, rendered for the canary", () => {
    const q = burnRateQuery(PLAN, '1.4.0');
    expect(q.query).toBe('slo:burn_rate24h{track="canary"}');
    expect(q.origin).toBe('signoff.first_night.slo_burn_rate_query');
    const unstated: ReleasePlan = {
      ...PLAN,
      signoff: { first_night: { environment: 'fn', window: 3600, slo_burn_rate_max: 2 } },
    };
    expect(() => burnRateQuery(unstated, '1.4.0')).toThrow(
      /^signoff\.first_night\.slo_burn_rate_query: not set \(expected the burn-rate query/,
    );
    const noMax: ReleasePlan = { ...PLAN, signoff: { first_night: { environment: 'fn', window: 3600 } } };
    expect(() => burnRateQuery(noMax, '1.4.0')).toThrow(/signoff\.first_night\.slo_burn_rate_max: missing/);
  });

  it('refuses GA unless every stage ended with PROCEED and nothing was rolled back', () => {
    const rec = (phase: string, decision: string) => ({ phase, decision, reason: 'r' }) as never;
    expect(promotionBlocker(PLAN, [])).toMatch(/no records/);
    expect(promotionBlocker(PLAN, [rec('stage:pilot', 'PROCEED')])).toBe(
      'stage 2 full has no decision record',
    );
    expect(promotionBlocker(PLAN, [rec('stage:pilot', 'PROCEED'), rec('stage:full', 'HOLD')])).toMatch(
      /stage 2 full ended with HOLD/,
    );
    expect(
      promotionBlocker(PLAN, [
        rec('stage:pilot', 'ROLLBACK'),
        rec('stage:pilot', 'PROCEED'),
        rec('stage:full', 'PROCEED'),
      ]),
    ).toMatch(/records a rollback/);
    expect(promotionBlocker(PLAN, [rec('stage:pilot', 'PROCEED'), rec('stage:full', 'PROCEED')])).toBeNull();
  });

  it('labels timeline entries in minutes since T0', () => {
    expect(timelineLabel(null, new Date())).toBe('T0');
    expect(timelineLabel('T0=2026-05-16T21:00:00Z\nStage: 1\n', new Date('2026-05-16T22:30:10Z'))).toBe(
      'T90',
    );
  });

  it('escapes every string in the job summary and keeps Mermaid blocks to a safe character set', () => {
    const html = stageSummaryHtml({
      plan: PLAN,
      version: '1.4.0',
      stageNumber: 1,
      result: RESULT,
      facts: [['Sign-off', '<script>x</script>']],
      dryRun: false,
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    // The war-room lines, folded, each with its mark on the release clock.
    expect(html).toContain(':00:04 | Stage 1 (1%) | p95=612ms | 0/1 PASS api_p95=HARD | IC: Rollback');
    const chart = guardrailChart(PLAN, 'api_p95', RESULT.samples)!;
    expect(chart).toContain('xychart-beta');
    expect(chart).toContain('x-axis "T+ (release clock)" [":00:02", ":00:04"]');
    expect(chart).toContain('line [142, 612]');
    expect(chart).toContain('line [200, 200]');
    expect(chart).toContain('line [400, 400]');
    expect(chart).toContain('Lines in order: canary, pass &lt; 200, hard &gt; 400.');
    expect(mermaidText('a"b]<c>\nd')).toBe('a_b__c__d');
  });

  it("the job summary has the report's compact shape: one verdict line, a row per guardrail, the full reason once, every file linked", () => {
    const reason =
      'hard breach: api_p95: canary 612 ms > 400 ms; <b>second clause</b>; third clause with the numbers again';
    const html = stageSummaryHtml({
      plan: PLAN,
      version: '1.4.0',
      stageNumber: 1,
      result: { ...RESULT, reason },
      facts: [['Traffic', '1% via http']],
      dryRun: false,
      evidence: {
        paths: ['evidence/1.4.0/rollout_stage_1.txt', 'reports/d 1.yaml'],
        web: { serverUrl: 'https://github.com/', repository: 'acme/spark', branch: 'canary-evidence' },
      },
    });
    expect(html).toContain('<h2>🛑 Stage 1 pilot: ROLLBACK</h2>');
    expect(html).toContain(
      '<p>spark-trading-api v1.4.0: hard breach: api_p95: canary 612 ms &gt; 400 ms</p>',
    );
    // The full reason appears once, folded.
    expect(html.split('second clause').length - 1).toBe(1);
    expect(html).toMatch(
      /<details><summary>Full reason<\/summary><p>hard breach: .*&lt;b&gt;second clause&lt;\/b&gt;/,
    );
    // value, thresholds, verdict (the war-room word), judge.
    expect(html).toContain(
      '<tr><td>api_p95</td><td>612 ms</td><td>pass &lt; 200 ms · hard &gt; 400 ms</td><td><b>HARD</b></td><td>—</td></tr>',
    );
    expect(html).toContain(
      '<a href="https://github.com/acme/spark/blob/canary-evidence/evidence/1.4.0/rollout_stage_1.txt">evidence/1.4.0/rollout_stage_1.txt</a>',
    );
    expect(html).toContain(
      '<a href="https://github.com/acme/spark/blob/canary-evidence/reports/d%201.yaml">',
    );
    expect(html).not.toMatch(/WITHIN/);
  });

  it('does not judge the first night before its window has elapsed since the GA record', () => {
    const ga = new Date('2026-05-17T08:00:00Z');
    const day = 24 * 3600;
    // At GA + 0 a 24h window would be all traffic from before the release.
    expect(firstNightTooEarly(ga, day, ga)).toBe(
      'its 1d window has not elapsed since the GA record of 2026-05-17T08:00:00.000Z (0s so far); the SLO burn rate is judged from 2026-05-18T08:00:00.000Z on, so that it measures only traffic after the release (give the first-night environment a wait timer of at least the window, or run the job again then)',
    );
    expect(firstNightTooEarly(ga, day, new Date('2026-05-18T07:59:59Z'))).toMatch(
      /\(23h 59m 59s so far\)|so far/,
    );
    expect(firstNightTooEarly(ga, day, new Date('2026-05-18T08:00:00Z'))).toBeNull();
  });
});
