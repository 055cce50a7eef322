/**
 * A stage's result as the evidence, the decision log and the job summary show it. Pure: StageResult in, plain
 * views out, so the same numbers and the same status words appear in rollout_stage_<w>.txt, the decision record,
 * the war-room log and the summary.
 */
import type { ReleasePlan, StageConfig } from '../config/index.js';
import type { DecisionInput } from './decision-log.js';
import type { EnvironmentSignoff } from './approvals.js';
import { unitOf } from '../gate/metric-names.js';
import type { GuardrailSummary, SampleRecord, StageResult } from '../gate/types.js';
import { statusWord } from '../gate/warroom.js';

/** The stage as its evidence names it (the stage gate's StageRef has this shape). */
export interface EvidenceStage {
  /** 1-based position in the plan. */
  number: number;
  /** The traffic weight in the file names (rollout_stage_<weight>.txt). */
  weight: number;
  config: Pick<StageConfig, 'name' | 'traffic'>;
}

/**
 * A guardrail's status at the stage's decision in the war-room's words (PASS, PENDING, PASS-UNMET, SUSPECT, SOFT,
 * HARD, NO-DATA...). The summary has no `pending`, so the word comes from the deciding sample when it has the
 * guardrail: an engine `within` there is either a breach waiting for its `for` or a pass not met yet.
 */
export function decisionStatusWord(result: Pick<StageResult, 'samples'>, g: GuardrailSummary): string {
  const atDecision = result.samples.at(-1)?.guardrails.find((x) => x.name === g.name);
  return statusWord(atDecision ?? g);
}

/** A metric value with its unit, as people read it: `142ms`, `0.21%`, `0.0031`; `n/a` when unmeasured. */
export function formatValue(value: number | null | undefined, unit: string | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  const text =
    abs !== 0 && (abs >= 1e6 || abs < 1e-3) ? value.toExponential(3) : String(Number(value.toPrecision(4)));
  if (!unit) return text;
  return unit === '%' || unit === 'ms' || unit === 's' ? `${text}${unit}` : `${text} ${unit}`;
}

function unitFor(plan: ReleasePlan, metric: string): string | undefined {
  return unitOf(metric, plan.metrics.queries[metric]);
}

export function thresholdText(g: Pick<GuardrailSummary, 'thresholds'>): string {
  return g.thresholds.length ? g.thresholds.join('; ') : 'none';
}

/** The stage every view names first. */
function stageHeading(version: string, stage: EvidenceStage): Record<string, unknown> {
  return { version, stage_number: stage.number, stage_name: stage.config.name, weight: stage.weight };
}

export function rolloutStageView(
  plan: ReleasePlan,
  version: string,
  stage: EvidenceStage,
  result: StageResult,
  runUrl?: string,
): Record<string, unknown> {
  return {
    ...stageHeading(version, stage),
    decision: result.decision,
    reason: result.reason,
    ...(runUrl ? { run_url: runUrl } : {}),
    guardrails: result.guardrails.map((g) => {
      const unit = unitFor(plan, g.metric);
      return {
        name: g.name,
        status: decisionStatusWord(result, g),
        canary: formatValue(g.values.canary, unit),
        ...(g.against === 'baseline' ? { baseline: formatValue(g.values.baseline, unit) } : {}),
        threshold: thresholdText(g),
        query: g.query.baseline ? `${g.query.canary} (baseline: ${g.query.baseline})` : g.query.canary,
      };
    }),
  };
}

export function summaryStageView(
  version: string,
  stage: EvidenceStage,
  result: StageResult,
  signoff: EnvironmentSignoff | null,
  runUrl?: string,
): Record<string, unknown> {
  return {
    ...stageHeading(version, stage),
    started: result.started_at,
    ended: result.decided_at,
    evaluations: result.samples.length,
    passed: result.guardrails.filter((g) => g.status === 'pass').length,
    total: result.guardrails.length,
    decision: result.decision,
    reason: result.reason,
    ...(signoff ? { approver: signoff.approver, approval_comment: signoff.approval_comment } : {}),
    ...(runUrl ? { run_url: runUrl } : {}),
  };
}

/**
 * The engine's war-room line (`:MM:SS | Stage N (W%) | p95=142ms 5xx=0.2% | 4/4 PASS | IC: Proceed`) split into
 * the fields of warroom_log.txt.mustache, so the evidence holds exactly the line the log showed (the built-in
 * template re-joins them byte for byte). A line that does not have the engine's five parts is an error, not a
 * guess.
 */
export function warroomView(version: string, stage: EvidenceStage, line: string): Record<string, unknown> {
  const parts = line.split(' | ');
  if (parts.length !== 5) throw new Error(`war-room line does not have 5 parts: ${JSON.stringify(line)}`);
  const [minute, , metrics, verdictPart, ic] = parts as [string, string, string, string, string];
  const verdict = /^(\d+)\/(\d+) (.+)$/.exec(verdictPart);
  if (!verdict || !ic.startsWith('IC: '))
    throw new Error(`war-room line is not in the engine's format: ${JSON.stringify(line)}`);
  return {
    version,
    minute,
    stage_number: stage.number,
    weight: stage.weight,
    metrics:
      metrics === 'no guardrails'
        ? []
        : metrics.split(' ').map((token) => {
            const eq = token.indexOf('=');
            return eq > 0
              ? { name: token.slice(0, eq), value: token.slice(eq + 1) }
              : { name: token, value: '' };
          }),
    passed: Number(verdict[1]),
    total: Number(verdict[2]),
    verdict: verdict[3],
    ic: ic.slice('IC: '.length),
  };
}

export type MetricsSnapshot = Record<
  string,
  {
    canary: number | null;
    baseline: number | null;
    threshold: string;
    status: string;
    test?: string;
    min_detectable_pct?: number | null;
  }
>;

/** guardrail -> { canary, baseline, threshold, status } at the decision, for the decision record. */
export function metricsSnapshot(result: StageResult): MetricsSnapshot {
  return Object.fromEntries(
    result.guardrails.map((g) => [
      g.name,
      {
        canary: finiteOrNull(g.values.canary),
        baseline: finiteOrNull(g.values.baseline),
        threshold: thresholdText(g),
        status: decisionStatusWord(result, g),
        // Baseline comparisons: the test that decided, and the smallest regression the stage could have seen.
        ...(g.test ? { test: g.test } : {}),
        ...(g.power ? { min_detectable_pct: finiteOrNull(g.power.min_detectable_pct) } : {}),
      },
    ]),
  );
}

function finiteOrNull(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(6));
}

/** Guardrails in breach at the decision (hard or soft), with the sentence that explains each. */
export function breaches(result: StageResult): GuardrailSummary[] {
  return result.guardrails.filter(
    (g) => g.status === 'hard' || g.status === 'soft' || result.triggered_by.includes(g.name),
  );
}

/** A decided stage as its evidence tells it: the release, the stage, its result and sign-off, what traffic did. */
export interface DecidedStage {
  version: string;
  deploymentId: string;
  stage: EvidenceStage;
  result: StageResult;
  signoff: EnvironmentSignoff | null;
  signoffNote?: string;
  runUrl?: string;
  trafficDetail?: string;
  /** The stage gate's cut back to the baseline share, when it made one. */
  trafficCut?: string;
}

export interface StageDecisionParts extends DecidedStage {
  evidenceFiles: string[];
}

export function stageDecisionInput(p: StageDecisionParts): DecisionInput {
  const notes = [
    `${p.result.samples.length} samples from ${p.result.source}; ${p.result.holds} hold(s)`,
    p.result.triggered_by.length ? `triggered by ${p.result.triggered_by.join(', ')}` : '',
    p.trafficDetail ? `traffic: ${p.trafficDetail}` : '',
    p.trafficCut ? `traffic ${p.trafficCut}` : '',
    p.signoffNote ?? '',
  ].filter(Boolean);
  return {
    version: p.version,
    deployment_id: p.deploymentId,
    phase: `stage:${p.stage.config.name}`,
    decision: p.result.decision,
    reason: p.result.reason,
    approver: p.signoff?.approver ?? null,
    approval_comment: p.signoff?.approval_comment ?? null,
    start_timestamp: p.result.started_at,
    traffic_share: p.stage.config.traffic,
    metrics_snapshot: metricsSnapshot(p.result),
    notes: notes.join('; '),
    run_url: p.runUrl ?? null,
    evidence_files: p.evidenceFiles,
  };
}

/** Samples in time order with the value of one guardrail at each (for charts and tables). */
export function seriesOf(
  samples: SampleRecord[],
  guardrail: string,
): Array<{ elapsed_s: number; canary: number | null; baseline: number | null }> {
  return samples.map((s) => {
    const g = s.guardrails.find((x) => x.name === guardrail);
    return {
      elapsed_s: s.elapsed_s,
      canary: finiteOrNull(g?.values.canary),
      baseline: finiteOrNull(g?.values.baseline),
    };
  });
}
