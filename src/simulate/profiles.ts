/**
 * Metric profiles for the synthetic source, derived from the plan's own guardrails, so any plan simulates
 * without hand-written numbers:
 *   - the healthy value sits comfortably on the good side of every absolute bound (0.6 x an upper bound,
 *     2 x a lower bound), so noise (clipped at 3 sd) never reaches a threshold by chance;
 *   - the direction that is worse comes from the threshold kind (above/increase/delta -> up, below/decrease
 *     -> down);
 *   - the breach value is clearly beyond the hard level (or the soft one when there is no hard level), so a
 *     scenario that breaches is caught by the hard rule, not by luck;
 *   - baseline-relative guardrails get a healthy value shared by both tracks, a breach of baseline x (1 + hard%
 *     + margin), and a smaller noise, so two healthy tracks never differ by the allowed percentage.
 * Ratios declared with `counts:` also get `<metric>.events` and `<metric>.total` profiles (the names the gate
 * queries them under), with the same healthy and breached ratio.
 */
import type { GuardrailConfig, ReleasePlan, ThresholdLevelConfig } from '../config/index.js';
import { queryDerivesCounts } from '../gate/ratio-counts.js';
import type { MetricProfile } from '../metrics/synthetic.js';

/** Relative sd of absolute metrics. */
export const ABSOLUTE_NOISE = 0.05;
/** Upper bound on the relative sd of baseline-compared metrics. */
export const RELATIVE_NOISE_MAX = 0.02;
/** The count of events behind one sample of a `counts:` ratio. */
export const COUNTS_TOTAL = 20_000;
/**
 * A plausible size for a metric only compared with its baseline (nothing in the plan says how big it is), by
 * the unit its name suggests; only the ratio between the tracks matters to the gate.
 */
export function neutralValue(metric: string): number {
  if (/_pct$|percent/i.test(metric)) return 1;
  if (/ratio|rate/i.test(metric)) return 0.01;
  if (/_ms$|latency|age/i.test(metric)) return 100;
  if (/bps/i.test(metric)) return 10;
  if (/_s$|seconds/i.test(metric)) return 5;
  return 100;
}

type Direction = 'up' | 'down';

interface MetricFacts {
  /** Good-side bounds: values above an `up` bound (or below a `down` bound) are not healthy. */
  upperBounds: number[];
  lowerBounds: number[];
  /** The level a breach must pass: the hard one when given. */
  hardAbove: number[];
  hardBelow: number[];
  relative: Array<{ direction: Direction; pct?: number; delta?: number }>;
  direction?: Direction;
}

function directionOf(level: ThresholdLevelConfig | undefined): Direction | undefined {
  if (!level) return undefined;
  if (level.above !== undefined || level.increase !== undefined || level.delta !== undefined) return 'up';
  if (level.below !== undefined || level.decrease !== undefined) return 'down';
  return undefined;
}

function collect(facts: MetricFacts, g: GuardrailConfig): void {
  facts.direction ??=
    directionOf(g.hard) ??
    directionOf(g.soft) ??
    (g.pass?.below !== undefined ? 'up' : g.pass?.above !== undefined ? 'down' : undefined);
  const breachLevel = g.hard ?? g.soft;
  for (const level of [g.pass].filter(Boolean) as ThresholdLevelConfig[]) {
    if (level.below !== undefined) facts.upperBounds.push(level.below);
    if (level.above !== undefined) facts.lowerBounds.push(level.above);
  }
  for (const level of [g.soft, g.hard].filter(Boolean) as ThresholdLevelConfig[]) {
    if (level.above !== undefined) facts.upperBounds.push(level.above);
    if (level.below !== undefined) facts.lowerBounds.push(level.below);
  }
  if (breachLevel?.above !== undefined) facts.hardAbove.push(breachLevel.above);
  if (breachLevel?.below !== undefined) facts.hardBelow.push(breachLevel.below);
  if (g.against === 'baseline' && breachLevel) {
    if (breachLevel.increase !== undefined)
      facts.relative.push({ direction: 'up', pct: breachLevel.increase });
    if (breachLevel.decrease !== undefined)
      facts.relative.push({ direction: 'down', pct: breachLevel.decrease });
    if (breachLevel.delta !== undefined) facts.relative.push({ direction: 'up', delta: breachLevel.delta });
  }
}

function smallestRelativePct(g: GuardrailConfig[]): number | undefined {
  const pcts = g.flatMap((x) =>
    [x.soft, x.hard, x.pass].flatMap((l) =>
      [l?.increase, l?.decrease].filter((v): v is number => v !== undefined),
    ),
  );
  return pcts.length ? Math.min(...pcts) : undefined;
}

function healthyFor(metric: string, facts: MetricFacts, direction: Direction): number {
  if (direction === 'up' && facts.upperBounds.length) {
    const b = Math.min(...facts.upperBounds);
    return b > 0 ? 0.6 * b : b === 0 ? 0 : b - Math.max(1, 0.5 * Math.abs(b));
  }
  if (direction === 'down' && facts.lowerBounds.length) {
    const b = Math.max(...facts.lowerBounds);
    return b > 0 ? 2 * b : b + Math.max(1, Math.abs(b));
  }
  return neutralValue(metric);
}

function breachFor(facts: MetricFacts, direction: Direction, healthy: number): number {
  const candidates: number[] = [];
  if (direction === 'up') {
    for (const h of facts.hardAbove) candidates.push(h > 0 ? 1.2 * h : h + Math.max(1, 0.5 * Math.abs(h)));
    for (const r of facts.relative) {
      if (r.pct !== undefined && r.direction === 'up')
        candidates.push(healthy * (1 + r.pct / 100 + Math.max(0.1, r.pct / 200)));
      if (r.delta !== undefined)
        candidates.push(healthy + 1.5 * r.delta + Math.abs(healthy) * RELATIVE_NOISE_MAX * 3);
    }
    const worst = candidates.length ? Math.max(...candidates) : healthy * 2 + 1;
    return worst > healthy ? worst : healthy + 1;
  }
  for (const h of facts.hardBelow) candidates.push(h > 0 ? 0.5 * h : h - Math.max(1, 0.5 * Math.abs(h)));
  for (const r of facts.relative) {
    if (r.pct !== undefined && r.direction === 'down')
      candidates.push(healthy * Math.max(0.02, 1 - r.pct / 100 - Math.max(0.1, r.pct / 200)));
  }
  const worst = candidates.length ? Math.min(...candidates) : healthy / 2 - 1;
  return worst < healthy ? worst : healthy - 1;
}

/** The guardrails the plan's stages actually use, by metric. */
function guardrailsByMetric(plan: ReleasePlan): Map<string, GuardrailConfig[]> {
  const used = new Set(plan.stages.flatMap((s) => s.guardrails));
  const byMetric = new Map<string, GuardrailConfig[]>();
  for (const name of [...used].sort()) {
    const g = plan.guardrails[name];
    if (!g) continue;
    byMetric.set(g.metric, [...(byMetric.get(g.metric) ?? []), g]);
  }
  return byMetric;
}

export function deriveProfiles(plan: ReleasePlan): MetricProfile[] {
  const profiles: MetricProfile[] = [];
  for (const [metric, guardrails] of guardrailsByMetric(plan)) {
    const facts: MetricFacts = {
      upperBounds: [],
      lowerBounds: [],
      hardAbove: [],
      hardBelow: [],
      relative: [],
    };
    guardrails.forEach((g) => collect(facts, g));
    const direction = facts.direction ?? 'up';
    const relativeOnly = guardrails.every((g) => g.against === 'baseline');
    const smallest = smallestRelativePct(guardrails);
    const noise =
      relativeOnly || facts.relative.length
        ? Math.min(RELATIVE_NOISE_MAX, smallest !== undefined ? smallest / 100 / 8 : RELATIVE_NOISE_MAX)
        : ABSOLUTE_NOISE;
    const healthy = healthyFor(metric, facts, direction);
    const breachValue = breachFor(facts, direction, healthy);
    profiles.push({ metric, healthy, noise, worseDirection: direction, breachValue });

    const def = plan.metrics.queries[metric];
    // The engine also asks for counts it derives from a ratio of counter rates (gate/ratio-counts.ts).
    if (def && (def.counts || queryDerivesCounts(def.query))) {
      // The ratio as counts: events / total. A healthy ratio of 0 (or a negative one) still needs some events.
      const ratio = (v: number) => (v > 0 ? v : 0.001);
      const healthyEvents = ratio(healthy) * COUNTS_TOTAL;
      const breachEvents =
        direction === 'up'
          ? Math.max(ratio(breachValue) * COUNTS_TOTAL, healthyEvents * 2)
          : ratio(breachValue) * COUNTS_TOTAL;
      profiles.push({
        metric: `${metric}.events`,
        healthy: healthyEvents,
        noise,
        worseDirection: direction,
        breachValue: breachEvents === healthyEvents ? healthyEvents * 2 : breachEvents,
      });
      // Traffic behind the ratio barely moves in any scenario; it is "worse" only in the sense the synthetic source needs.
      profiles.push({
        metric: `${metric}.total`,
        healthy: COUNTS_TOTAL,
        noise,
        worseDirection: 'up',
        breachValue: COUNTS_TOTAL * 1.01,
      });
    }
  }
  return profiles;
}
