/**
 * One recorded history, two servers: the same OpenMetrics series backfilled into a real Prometheus (promtool blocks)
 * and a real VictoriaMetrics (/api/v1/import/prometheus), and the reference plan replayed over each. Their rate()
 * and histogram_quantile() are computed differently (VictoriaMetrics does not extrapolate to the window edges),
 * so the values differ slightly; the decisions, sample by sample, must not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan, type ReleasePlan } from '../../src/config/index.js';
import { replayClock } from '../../src/platform/clock.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import { runStage } from '../../src/gate/stage-run.js';
import type { StageResult } from '../../src/gate/types.js';
import { HEALTHY_PROFILE, type ServiceProfile } from '../support/exporter.js';
import { BACKENDS, startBackend, type BackendKind } from '../support/metrics-backends.js';
import { serviceHistory, type TestPrometheus } from '../support/prometheus.js';

const MIN = 60_000;
const HISTORY_MINUTES = 150;
// Minutes after S: the canary turns hard-slow at 45 for 20 minutes, soft-slow at 80 for 40, orders failing 3x from 130.
const HARD: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 300, latencyP95Ms: 700 };
const SOFT: ServiceProfile = { ...HEALTHY_PROFILE, latencyMedianMs: 150, latencyP95Ms: 300 };
const ACCEPT_3X: ServiceProfile = {
  ...HEALTHY_PROFILE,
  orderFailureRatio: HEALTHY_PROFILE.orderFailureRatio * 3,
};
/** Stage starts (minutes after S) and what the reference plan's pilot stage decides there. */
const REPLAYS = [
  { start: -40, expect: 'ROLLBACK' }, // before the service existed: no data
  { start: 10, expect: 'PROCEED' },
  { start: 40, expect: 'ROLLBACK' },
  { start: 78, expect: 'REVIEW' },
  { start: 125, expect: 'ROLLBACK' },
] as const;

function canaryProfile(minute: number): ServiceProfile {
  if (minute >= 45 && minute < 65) return HARD;
  if (minute >= 80 && minute < 120) return SOFT;
  if (minute >= 130) return ACCEPT_3X;
  return HEALTHY_PROFILE;
}

let S: number;
let plan: ReleasePlan;
const servers = new Map<BackendKind, TestPrometheus>();

beforeAll(async () => {
  S = Math.floor((Date.now() - (HISTORY_MINUTES + 10) * MIN) / MIN) * MIN;
  const history = serviceHistory(
    { start: new Date(S), end: new Date(S + HISTORY_MINUTES * MIN), stepSeconds: 15 },
    (track, t) => (track === 'canary' ? canaryProfile((t * 1000 - S) / MIN) : HEALTHY_PROFILE),
  );
  plan = await loadPlan('.github/canary.yml');
  await Promise.all(BACKENDS.map(async (kind) => servers.set(kind, await startBackend(kind, { history }))));
}, 90_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.stop()));
});

function replay(kind: BackendKind, startMinute: number): Promise<StageResult> {
  const startAt = new Date(S + startMinute * MIN);
  return runStage({
    plan,
    stage: 'pilot',
    version: '1.4.0',
    source: createMetricSource(plan.metrics, {
      url: servers.get(kind)!.url,
      env: { PROM_TOKEN: 'unused-locally' },
    }),
    clock: replayClock(startAt),
    mode: 'replay',
    startAt,
    until: new Date(startAt.getTime() + 60 * MIN),
  });
}

/** What a user sees of a stage: each sample's decision and guardrail statuses, and the outcome. */
function decisions(r: StageResult) {
  return {
    decision: r.decision,
    decided_at: r.decided_at,
    triggered_by: r.triggered_by,
    samples: r.samples.map((s) => ({
      at: s.at,
      decision: s.decision,
      statuses: s.guardrails.map((g) => `${g.name}=${g.status}`),
    })),
  };
}

describe('the same recorded series on Prometheus and on VictoriaMetrics', () => {
  it.each(REPLAYS)('a stage from minute $start decides $expect on both, sample by sample', async (c) => {
    const [prom, vm] = await Promise.all([
      replay('prometheus', c.start),
      replay('victoria-metrics', c.start),
    ]);
    expect(prom.decision, prom.reason).toBe(c.expect);
    expect(decisions(vm)).toEqual(decisions(prom));
    // Measured values agree closely where both measured (p95 within 5%, the 5xx ratio within 1%).
    for (const [i, s] of prom.samples.entries()) {
      for (const g of s.guardrails) {
        const other = vm.samples[i]!.guardrails.find((x) => x.name === g.name)!;
        const [a, b] = [g.values.canary, other.values.canary];
        if (a == null || b == null) {
          expect(b).toBe(a);
          continue;
        }
        const tolerance = g.name === 'api_p95' ? 0.05 : 0.01;
        expect(Math.abs(a - b), `${g.name} at ${s.at}: ${a} vs ${b}`).toBeLessThanOrEqual(
          tolerance * Math.max(Math.abs(a), 1e-9),
        );
      }
    }
  });
});
