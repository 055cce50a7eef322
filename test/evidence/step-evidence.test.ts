/**
 * One stage's evidence, built by one function of the evidence layer from the stage's result: its files, its
 * timeline entry and its decision record, stamped by the one `now` the step passes in, with the war-room's words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { buildStepEvidence } from '../../src/evidence/step-evidence.js';
import type { GuardrailSample, StageResult } from '../../src/gate/types.js';
import { resolveStage } from '../../src/stage-gate/stage-ref.js';

const PLAN = parsePlan(
  `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: "http://127.0.0.1:9" }
  queries:
    p95_latency_ms: { query: 'p95{track="{{track}}"}' }
guardrails:
  api_p95: { metric: p95_latency_ms, pass: { below: 200 }, soft: { above: 250, for: 5m }, hard: { above: 400 } }
stages:
  - { name: pilot, traffic: 1, duration: 10m, interval: 2m, guardrails: [api_p95] }
evidence: { branch: canary-evidence, dir: "evidence/{{version}}", decisions: "reports/{{deployment_id}}.yaml" }
`,
  'plan',
);

// 329 ms: over the soft line, not held for its 5m yet. The engine calls that `within` with a pending breach.
const pending: GuardrailSample = {
  name: 'api_p95',
  metric: 'p95_latency_ms',
  against: null,
  status: 'within',
  reason: 'api_p95: canary 329 ms > 250 ms for 4s of 5m',
  values: { canary: 329, baseline: null },
  thresholds: ['pass < 200 ms', 'soft > 250 ms for 5m', 'hard > 400 ms'],
  query: { canary: 'p95{track="canary"}' },
  pending: { level: 'soft', since: '2026-05-16T21:00:02.000Z', held_s: 4, for_s: 300 },
};

const RESULT: StageResult = {
  decision: 'HOLD',
  decided_at: '2026-05-16T21:00:04.000Z',
  reason:
    'stopped (job received SIGTERM) before the stage window completed: a run stopped early is not a pass',
  stage: { name: 'pilot', index: 0, traffic: 1, duration_s: 6, interval_s: 2 },
  source: 'prometheus http://127.0.0.1:9',
  mode: 'live',
  samples: [
    {
      index: 1,
      at: '2026-05-16T21:00:04.000Z',
      elapsed_s: 4,
      state: 'sampling',
      decision: null,
      reason: '',
      measured: true,
      holds: 0,
      window_ends_at: '2026-05-16T21:00:06.000Z',
      guardrails: [pending],
      warroom: ':31:04 | Stage 1 (1%) | p95=329ms | 0/1 PASS api_p95=PENDING | IC: Continue',
    },
  ],
  guardrails: [{ ...pending, counts: { within: 1 } }],
  holds: 0,
  started_at: '2026-05-16T21:00:00.000Z',
  ended_at: '2026-05-16T21:00:04.000Z',
  triggered_by: [],
};

function build(now: Date) {
  return buildStepEvidence(
    {
      kind: 'stage',
      plan: PLAN,
      version: '1.4.0',
      deploymentId: 'd-1',
      stage: resolveStage(PLAN, '1'),
      result: RESULT,
      signoff: null,
      signoffNote: 'no environment',
      attempt: 2,
    },
    { templates: createTemplateSource(), now },
  );
}

function contentOf(
  change: ReturnType<typeof build>['changes'][number],
  current: string | null = null,
): string {
  if ('update' in change) return change.update(current);
  return String(change.content);
}

describe('buildStepEvidence', () => {
  it("writes a stage's files, timeline entry and decision record in push order, the record last naming the files", () => {
    const built = build(new Date('2026-05-16T21:00:09Z'));
    expect(built.changes.map((c) => c.path)).toEqual([
      'evidence/1.4.0/rollout_stage_1.txt',
      'evidence/1.4.0/summary_stage_1.txt',
      'evidence/1.4.0/stage_1_2.json',
      'evidence/1.4.0/warroom_log.txt',
      'evidence/1.4.0/canary_timeline.txt',
      'reports/d-1.yaml',
    ]);
    expect(built.files).toEqual(built.changes.slice(0, 4).map((c) => c.path));
    expect(built.decisionLog).toBe('reports/d-1.yaml');
    expect(contentOf(built.changes[3]!)).toBe(`${RESULT.samples[0]!.warroom}\n`);
    // The timeline entry is when the stage opened: a fact of the result, not a clock reading.
    expect(contentOf(built.changes[4]!)).toContain('T0=2026-05-16T21:00:00Z');
  });

  it("stamps the files and the decision record with the step's one `now`", () => {
    const now = new Date('2026-05-16T21:00:09Z');
    const built = build(now);
    expect(contentOf(built.changes[0]!)).toContain('2026-05-16T21:00:09Z');
    const [record] = readDecisionLog(contentOf(built.changes.at(-1)!));
    expect(record!.recorded_at).toBe(now.toISOString());
    // Same result, same now: the same bytes (a retried push re-applies the same record).
    expect(contentOf(build(now).changes.at(-1)!)).toBe(contentOf(built.changes.at(-1)!));
  });

  it('shows a value over its soft line, not yet held, as PENDING in the files and the record, never WITHIN', () => {
    const built = build(new Date('2026-05-16T21:00:09Z'));
    const rollout = contentOf(built.changes[0]!);
    expect(rollout).toContain('[PENDING] api_p95: canary=329ms');
    const [record] = readDecisionLog(contentOf(built.changes.at(-1)!));
    expect((record!.metrics_snapshot as Record<string, { status: string }>).api_p95!.status).toBe('PENDING');
    for (const change of built.changes) expect(contentOf(change)).not.toMatch(/WITHIN/);
  });

  it('the evidence layer never imports the stage gate, the RCA or the action layer (the path runs one way down)', () => {
    const dir = path.resolve(import.meta.dirname, '../../src/evidence');
    const climbing = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [
          ...readFileSync(path.join(dir, f), 'utf8').matchAll(
            /from '\.\.\/(stage-gate|rca|action|simulate)\//g,
          ),
        ].map((m) => `${f} -> ${m[1]}`),
      );
    expect(climbing).toEqual([]);
  });
});
