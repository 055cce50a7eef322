/**
 * The mini-RCA (T+24h, written even if there was no rollback), derived from the data alone: stage results and the
 * decision log in, a timeline and ranked findings out. Every sentence carries the numbers it rests on; when the
 * data offers fewer strong findings than a section needs, the next-weaker finding of the same data is used,
 * never a canned sentence. Pure: the clock is only used for the risks' due date.
 */
import { DateTime } from 'luxon';
import { ConfigurationError, formatDuration, type ReleasePlan } from '../config/index.js';
import type { DecisionRecord } from '../evidence/decision-log.js';
import { releaseMark, zonedTime } from '../evidence/release-clock.js';
import type { StageResult } from '../gate/types.js';
import {
  analyzeGuardrails,
  percent,
  pointValueText,
  type GuardrailAnalysis,
  type GuardrailPoint,
} from './guardrail-analysis.js';
import { humanDuration, releaseFacts, verdictLine, type ReleaseFacts, type StageRow } from './facts.js';
import type { Clock } from '../platform/clock.js';

export interface TimelineEntry {
  at: string;
  /** `:MM` on the release clock (T0: the freeze's start, else the first recorded moment), as the war-room counts. */
  minute: string;
  kind: 'record' | 'stage-start' | 'hold' | 'soft' | 'trend' | 'decision';
  label: string;
  detail: string;
}

export interface Risk {
  text: string;
  owner: string;
  /** YYYY-MM-DD in the plan's release timezone. */
  due: string;
}

/** The breach that caused a rollback, with everything a reader needs to check it. */
export interface RollbackCause {
  guardrail: string;
  metric: string;
  stage: StageRow;
  level: 'hard' | 'soft' | 'trend' | 'unknown';
  threshold: string;
  canary: number | null;
  baseline: number | null;
  valueText: string;
  reason: string;
  query: string;
}

export interface MiniRca {
  service: string;
  /** The plan's release.timezone: times shown to people are in it, with the UTC offset. */
  zone: string;
  version: string;
  tag: string | null;
  facts: ReleaseFacts;
  timeline: TimelineEntry[];
  wentWell: [string, string, string];
  improve: [string, string, string];
  observations: string[];
  risks: [Risk, Risk, Risk];
  owners: string[];
  rollbackCause: RollbackCause | null;
  guardrails: GuardrailAnalysis[];
}

export interface DeriveRcaInput {
  plan: ReleasePlan;
  version: string;
  stages: StageResult[];
  decisions: DecisionRecord[];
  clock: Pick<Clock, 'now'>;
  tag?: string;
  /** When this version's freeze started (freeze/state.json): T0 of the release clock. */
  freezeStartedAt?: string | null;
}

const at = (iso: string) => Date.parse(iso);

function stageLabel(row: Pick<StageRow, 'number' | 'name' | 'traffic'>): string {
  return `stage ${row.number} ${row.name} (${row.traffic})`;
}

function pointStage(p: GuardrailPoint): string {
  return `stage ${p.stageNumber} ${p.stageName} (${p.traffic})`;
}

function buildTimeline(
  stages: StageResult[],
  decisions: DecisionRecord[],
  facts: ReleaseFacts,
  freezeStartedAt: string | null,
): TimelineEntry[] {
  const t0 = new Date(facts.startedAt ? at(facts.startedAt) : 0);
  const entries: Array<TimelineEntry & { order: number }> = [];
  const add = (iso: string, kind: TimelineEntry['kind'], label: string, detail: string, order: number) =>
    entries.push({ at: iso, minute: releaseMark(iso, t0), kind, label, detail, order });
  if (freezeStartedAt)
    add(
      freezeStartedAt,
      'record',
      'freeze started',
      'T0 of the release clock: every :MM counts from here',
      0,
    );

  const merged = new Set<DecisionRecord>();
  stages.forEach((r, i) => {
    const row = facts.stages[i]!;
    add(
      r.started_at,
      'stage-start',
      `${stageLabel(row)} started`,
      `planned ${formatDuration(r.stage.duration_s)}, sampled every ${formatDuration(r.stage.interval_s)}`,
      // At the same instant the previous stage's decision comes first: a stage starts because the last one ended.
      5,
    );
    const firstHold = r.samples.find((s) => s.state === 'holding');
    if (firstHold) add(firstHold.at, 'hold', `${stageLabel(row)} HOLD`, firstHold.reason, 2);
    const seen = new Set<string>();
    for (const s of r.samples) {
      for (const g of s.guardrails) {
        if ((g.status === 'soft' || g.status === 'trend') && !seen.has(`${g.name}/${g.status}`)) {
          seen.add(`${g.name}/${g.status}`);
          add(
            s.at,
            g.status,
            `${g.name} ${g.status === 'soft' ? 'soft breach' : 'trending to a breach'}`,
            g.reason,
            3,
          );
        }
      }
    }
    const record = decisions.find(
      (d) => d.phase === `stage:${r.stage.name}` && d.decision.toUpperCase() === r.decision && !merged.has(d),
    );
    if (record) merged.add(record);
    const signoff = record?.approver
      ? ` Signed off by ${record.approver}${record.approval_comment ? ` ("${record.approval_comment}")` : ''}.`
      : '';
    add(r.decided_at, 'decision', `${stageLabel(row)} ${r.decision}`, `${r.reason}${signoff}`, 4);
  });
  for (const d of decisions) {
    if (merged.has(d)) continue;
    const who = d.approver
      ? ` (by ${d.approver}${d.approval_comment ? `: "${d.approval_comment}"` : ''})`
      : '';
    // Records (preflight, ga, rollback) follow what led to them at the same instant.
    add(d.start_timestamp, 'record', `${d.phase}: ${d.decision}`, `${d.reason}${who}`, 6);
  }
  entries.sort((a, b) => at(a.at) - at(b.at) || a.order - b.order);
  return entries.map(({ order: _order, ...e }) => e);
}

function findRollbackCause(
  stages: StageResult[],
  facts: ReleaseFacts,
  analyses: GuardrailAnalysis[],
  zone: string,
): RollbackCause | null {
  const idx = stages.findIndex((r) => r.decision === 'ROLLBACK');
  if (idx < 0) return null;
  const r = stages[idx]!;
  const row = facts.stages[idx]!;
  const name =
    r.triggered_by[0] ?? r.guardrails.find((g) => g.status === 'hard' || g.status === 'soft')?.name;
  const g = name ? r.guardrails.find((x) => x.name === name) : undefined;
  if (!g) {
    return {
      guardrail: name ?? '(none named)',
      metric: '',
      stage: row,
      level: 'unknown',
      threshold: 'not recorded',
      canary: null,
      baseline: null,
      valueText: 'not recorded',
      reason: r.reason,
      query: '',
    };
  }
  const level = g.status === 'hard' || g.status === 'soft' || g.status === 'trend' ? g.status : 'unknown';
  const threshold =
    g.thresholds.find((t) => t.startsWith(level === 'trend' ? 'soft' : level)) ??
    g.thresholds.find((t) => t.startsWith('hard')) ??
    g.thresholds.join('; ');
  const a = analyses.find((x) => x.name === g.name);
  const point: GuardrailPoint = {
    at: r.decided_at,
    stageNumber: row.number,
    stageName: row.name,
    traffic: row.traffic,
    status: g.status,
    canary: g.values.canary,
    baseline: g.values.baseline,
    relative_pct: g.values.relative_pct ?? null,
    reason: g.reason,
  };
  const measuredText = a
    ? pointValueText(a, point)
    : `canary ${String(g.values.canary)}${g.values.baseline === null ? '' : ` vs baseline ${String(g.values.baseline)}`}`;
  // A no-data rollback dates its onset by the run's own data: the first sample at which this guardrail had none
  // (a source's message may name a later query time).
  const onset =
    g.status === 'no-data'
      ? r.samples.find((s) => s.guardrails.some((x) => x.name === g.name && x.status === 'no-data'))
      : undefined;
  const valueText = onset
    ? `no data since ${zonedTime(onset.at, zone)} (${releaseMark(onset.at, new Date(facts.startedAt ?? onset.at))}, the first sample of the run without it)`
    : measuredText;
  return {
    guardrail: g.name,
    metric: g.metric,
    stage: row,
    level,
    threshold: threshold || 'not recorded',
    canary: g.values.canary,
    baseline: g.values.baseline,
    valueText:
      g.values.baseline !== null && !valueText.includes('baseline')
        ? `${valueText} (baseline ${String(g.values.baseline)})`
        : valueText,
    reason: g.reason,
    query: g.query.canary,
  };
}

/** Takes the first `n` findings that exist; the lists are ordered strongest first. */
function pick(n: number, candidates: Array<string | null | undefined>, section: string): string[] {
  const found = candidates.filter((c): c is string => typeof c === 'string' && c.length > 0);
  const unique = found.filter((c, i) => found.indexOf(c) === i);
  if (unique.length < n)
    throw new Error(
      `mini-RCA: only ${unique.length} finding(s) for "${section}" (need ${n}); this is a bug in the derivation`,
    );
  return unique.slice(0, n);
}

function byCloseness(analyses: GuardrailAnalysis[], exclude?: string): GuardrailAnalysis[] {
  return analyses
    .filter((a) => a.nearest && a.name !== exclude)
    .sort((x, y) => y.nearest!.closeness - x.nearest!.closeness);
}

function meanBy(points: GuardrailPoint[]): number | null {
  const values = points.map((p) => p.canary).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
}

function short(v: number): string {
  return String(Number(v.toPrecision(3)));
}

export function deriveRca(input: DeriveRcaInput): MiniRca {
  const { plan, version, stages, decisions, clock } = input;
  if (stages.length === 0) {
    throw new ConfigurationError(
      `evidence: no stage results for ${version} (expected stage_<n>.json in the evidence folder); a mini-RCA without the stages' data would be boilerplate`,
    );
  }
  const owners = plan.rca?.owners;
  if (!owners || owners.length === 0) {
    throw new ConfigurationError(
      'rca.owners: the plan has no rca section; the mini-RCA assigns each remaining risk to an owner from it',
    );
  }
  const dueIn = plan.rca?.due_in ?? 7 * 86400;
  const due = DateTime.fromJSDate(new Date(clock.now().getTime() + dueIn * 1000))
    .setZone(plan.release.timezone)
    .toISODate();
  if (!due)
    throw new ConfigurationError(
      `release.timezone: "${plan.release.timezone}" is not a time zone the due date can be written in`,
    );

  const freezeStartedAt = input.freezeStartedAt ?? null;
  const facts = releaseFacts(plan, version, stages, decisions, freezeStartedAt);
  const analyses = analyzeGuardrails(plan, stages);
  const timeline = buildTimeline(stages, decisions, facts, freezeStartedAt);
  const cause = findRollbackCause(stages, facts, analyses, plan.release.timezone);
  const rows = facts.stages;
  const totalSamples = rows.reduce((s, r) => s + r.samples, 0);
  const unmeasured = analyses.reduce((s, a) => s + a.unmeasured, 0);
  const readings = analyses.reduce((s, a) => s + a.points.length, 0);
  const totalHolds = rows.reduce((s, r) => s + r.holds, 0);
  const slowest = [...rows].sort(
    (a, b) => b.duration_s - a.duration_s || b.duration_s - b.planned_s - (a.duration_s - a.planned_s),
  )[0]!;
  const nearestList = byCloseness(analyses, cause?.guardrail);
  const roomiest = [...analyses]
    .filter((a) => a.nearest && a.name !== cause?.guardrail)
    .sort((x, y) => x.nearest!.closeness - y.nearest!.closeness)[0];
  const signoffs = decisions.filter((d) => d.approver);
  const lastPlanStage = plan.stages[plan.stages.length - 1]!;
  const notGatedAtEnd = analyses.filter((a) => !a.gatedIn.includes(lastPlanStage.name));
  const softOnes = analyses.filter((a) => a.firstSoft);
  const trendOnes = analyses.filter((a) => a.firstTrend);
  const blind = analyses.filter((a) => a.unmeasured > 0).sort((x, y) => y.unmeasured - x.unmeasured);
  const ranStages = new Set(rows.map((r) => r.name));
  const notRun = plan.stages.filter((s) => !ranStages.has(s.name));
  const tag = input.tag ?? null;

  const gaps = rows
    .slice(1)
    .map((r, i) => ({ from: rows[i]!, to: r, gap_s: (at(r.started_at) - at(rows[i]!.decided_at)) / 1000 }));
  const longestGap = [...gaps].sort((a, b) => b.gap_s - a.gap_s)[0];

  const nearestText = (a: GuardrailAnalysis) =>
    `${a.name} came closest to a breach: ${pointValueText(a, a.nearest!.point)} at ${pointStage(a.nearest!.point)}, ${percent(a.nearest!.closeness)} of its ${a.nearest!.threshold} threshold`;
  const holdText = () => {
    const held = rows.filter((r) => r.holds > 0);
    if (held.length === 0) return null;
    const first = stages[rows.indexOf(held[0]!)]!.samples.find((s) => s.state === 'holding');
    return `${totalHolds} hold(s) in ${held.map((r) => stageLabel(r)).join(', ')}${first ? `; first: ${first.reason}` : ''}`;
  };
  const softText = (a: GuardrailAnalysis) =>
    `${a.name} soft-breached at ${pointStage(a.firstSoft!)}: ${pointValueText(a, a.firstSoft!)} (${a.firstSoft!.reason})`;

  // ---- What went well
  const wentWell = pick(
    3,
    [
      facts.outcome === 'promoted'
        ? `All ${facts.stagesPassed}/${facts.stagesPlanned} stages proceeded (${facts.ramp}) in ${humanDuration(facts.duration_s)} with 0 rollbacks`
        : null,
      cause
        ? `The gate rolled back automatically at ${stageLabel(cause.stage)} ${humanDuration((at(cause.stage.decided_at) - at(cause.stage.started_at)) / 1000)} into the stage, on the ${cause.guardrail} ${cause.level} breach; exposure was limited to ${cause.stage.traffic} of traffic`
        : null,
      cause && cause.stage.number > 1 && rows.filter((r) => r.decision === 'PROCEED').length > 0
        ? `${rows
            .filter((r) => r.decision === 'PROCEED')
            .map((r) => stageLabel(r))
            .join(', ')} proceeded before the regression showed at ${cause.stage.traffic}`
        : null,
      unmeasured === 0
        ? `Every one of the ${readings} guardrail readings (${totalSamples} samples) was measured: no decision waited on missing data`
        : null,
      roomiest
        ? `${roomiest.name} kept ${percent(Math.max(0, 1 - roomiest.nearest!.closeness))} headroom: worst ${pointValueText(roomiest, roomiest.nearest!.point)} against ${roomiest.nearest!.threshold} over ${roomiest.measured} readings`
        : null,
      totalHolds === 0 ? `${rows.length}/${rows.length} stage runs decided without a hold` : null,
      signoffs.length
        ? `${signoffs.length} sign-off(s) recorded in the decision log with the reviewer's name (${[...new Set(signoffs.map((d) => d.approver))].join(', ')})`
        : null,
      decisions.length ? `The decision log holds ${decisions.length} hash-chained records that verify` : null,
      `${analyses.length} guardrail(s) were evaluated at every interval across ${totalSamples} samples in ${rows.length} stage run(s)`,
      `Every stage decision carries its reason and values (${rows.map((r) => `${r.name}: ${r.decision}`).join(', ')})`,
    ],
    'What Went Well',
  ) as [string, string, string];

  // ---- What could be improved
  const improve = pick(
    3,
    [
      cause
        ? `${cause.guardrail} breached its ${cause.level} threshold at ${stageLabel(cause.stage)}: ${cause.valueText}, threshold ${cause.threshold}`
        : null,
      slowest.duration_s > slowest.planned_s
        ? `${stageLabel(slowest)} was the slowest stage: ${humanDuration(slowest.duration_s)} against ${humanDuration(slowest.planned_s)} planned (${slowest.holds} hold(s))`
        : null,
      nearestList[0] ? nearestText(nearestList[0]) : null,
      holdText(),
      ...softOnes.map(softText),
      blind[0]
        ? `${blind.map((a) => `${a.name} (${a.unmeasured})`).join(', ')} had readings without data; failing closed stretched the decision`
        : null,
      ...trendOnes.map(
        (a) =>
          `${a.name} was trending toward a breach at ${pointStage(a.firstTrend!)}: ${a.firstTrend!.reason}`,
      ),
      slowest.duration_s <= slowest.planned_s
        ? `${stageLabel(slowest)} was the slowest stage at ${humanDuration(slowest.duration_s)}; the ramp took ${humanDuration(facts.duration_s)} in total`
        : null,
      longestGap && longestGap.gap_s > 0
        ? `The longest wait between stages was ${humanDuration(longestGap.gap_s)} (from ${longestGap.from.name} deciding to ${longestGap.to.name} starting)`
        : null,
      nearestList[1] ? nearestText(nearestList[1]) : null,
      `Decisions came after ${rows.map((r) => `${r.samples} sample(s) at ${r.name}`).join(', ')}; a shorter interval would see a breach sooner`,
    ],
    'What Could Be Improved',
  ) as [string, string, string];

  // ---- Observations: every pattern the data shows, none required.
  const observations: string[] = [];
  // The full reason is the RCA's Outcome line; here its verdict line is enough.
  observations.push(`Outcome: ${facts.outcome} (${verdictLine(facts.outcomeReason)})`);
  for (const a of analyses) {
    const perStage = rows
      .map((r) => ({
        r,
        mean: meanBy(
          a.points.filter((p) => p.stageName === r.name && p.at >= r.started_at && p.at <= r.decided_at),
        ),
      }))
      .filter((x) => x.mean !== null)
      .map((x) => `${x.r.traffic} ${short(x.mean!)}${a.unit ? (a.unit === '%' ? '%' : ` ${a.unit}`) : ''}`);
    if (perStage.length > 0)
      observations.push(`${a.name} (${a.short}) canary mean by stage: ${perStage.join(' -> ')}`);
    if (a.against === 'baseline') {
      const rels = a.points
        .map((p) => p.relative_pct)
        .filter((v): v is number => v !== null && Number.isFinite(v));
      if (rels.length)
        observations.push(
          `${a.name} canary vs baseline ranged ${short(Math.min(...rels))}%..${short(Math.max(...rels))}% over ${rels.length} readings`,
        );
    }
  }
  if (notGatedAtEnd.length)
    observations.push(
      `Not gated at ${lastPlanStage.name} (${lastPlanStage.traffic}${typeof lastPlanStage.traffic === 'number' ? '%' : ''}): ${notGatedAtEnd.map((a) => a.name).join(', ')}`,
    );
  const sources = [...new Set(stages.map((r) => `${r.source} (${r.mode})`))];
  observations.push(`Metrics from ${sources.join(', ')}`);
  if (decisions.length)
    observations.push(
      `Decision log: ${decisions.length} record(s), phases ${[...new Set(decisions.map((d) => d.phase))].join(', ')}`,
    );
  if (notRun.length) observations.push(`Stages not run: ${notRun.map((s) => s.name).join(', ')}`);

  // ---- Remaining risks
  // Each risk names the guardrails it is about; its owner is the first of them with an `owner:` in the plan, else
  // the first of rca.owners. A guardrail not gated at the last stage is a risk only when the release got there.
  const reachedLast = ranStages.has(lastPlanStage.name);
  const about = (text: string, guardrails: string[] = []) => ({ text, guardrails });
  const riskCandidates: Array<{ text: string; guardrails: string[] } | null> = [
    cause
      ? about(
          `The root cause of the ${cause.guardrail} regression (${cause.valueText}; threshold ${cause.threshold}) is open: ${tag ?? `version ${version}`} must not go out again until a fix is verified at ${cause.stage.traffic}`,
          [cause.guardrail],
        )
      : null,
    nearestList[0]
      ? about(
          `${nearestList[0].name} ran at ${percent(nearestList[0].nearest!.closeness)} of ${nearestList[0].nearest!.threshold} (${pointValueText(nearestList[0], nearestList[0].nearest!.point)} at ${nearestList[0].nearest!.point.traffic}); a load peak could breach it`,
          [nearestList[0].name],
        )
      : null,
    reachedLast && notGatedAtEnd.length
      ? about(
          `${notGatedAtEnd.map((a) => a.name).join(', ')} not gated at ${lastPlanStage.name}: a regression there at full traffic would go unseen by the gate`,
          notGatedAtEnd.map((a) => a.name),
        )
      : null,
    ...softOnes.map((a) =>
      about(
        `${a.name} soft-breached at ${a.firstSoft!.traffic} (${pointValueText(a, a.firstSoft!)}); the regression may recur under more load`,
        [a.name],
      ),
    ),
    ...blind.map((a) =>
      about(
        `${a.name} had ${a.unmeasured} reading(s) without data: its query or exporter is a blind spot for the next release`,
        [a.name],
      ),
    ),
    ...trendOnes.map((a) =>
      about(`${a.name} trended toward a breach at ${a.firstTrend!.traffic}; the trend was not explained`, [
        a.name,
      ]),
    ),
    notRun.length
      ? about(
          `Stages ${notRun.map((s) => s.name).join(', ')} did not run for ${version}: its behaviour above ${rows.at(-1)!.traffic} is unproven`,
        )
      : null,
    nearestList[1]
      ? about(
          `${nearestList[1].name} ran at ${percent(nearestList[1].nearest!.closeness)} of ${nearestList[1].nearest!.threshold} at ${nearestList[1].nearest!.point.traffic}`,
          [nearestList[1].name],
        )
      : null,
    facts.outcome === 'promoted' && facts.rollbacks === 0
      ? about(
          `The rollback path was not exercised in this release (0 rollbacks); it is unproven for ${version}`,
        )
      : null,
    ...Object.entries(plan.signoff).map(([name, s]) =>
      about(
        `Sign-off ${name} (${s.environment}${s.window ? `, ${formatDuration(s.window)} window` : ''}${s.slo_burn_rate_max ? `, SLO burn rate <= ${s.slo_burn_rate_max}` : ''}) decides whether ${version} stays`,
      ),
    ),
    nearestList[2]
      ? about(
          `${nearestList[2].name} ran at ${percent(nearestList[2].nearest!.closeness)} of ${nearestList[2].nearest!.threshold}`,
          [nearestList[2].name],
        )
      : null,
    about(
      `${analyses.length} guardrail(s) cover ${analyses.map((a) => a.metric).join(', ')}; metrics outside them were not gated for ${version}`,
    ),
    about(
      `The gate decided on ${totalSamples} sample(s) in total; a short window leaves slow regressions to the first night`,
    ),
  ];
  const riskTexts = pick(
    3,
    riskCandidates.map((c) => c?.text),
    'Remaining Risks',
  );
  const ownerOf = (text: string): string => {
    const candidate = riskCandidates.find((c) => c?.text === text)!;
    const named = candidate.guardrails.map((g) => plan.guardrails[g]?.owner).find((o) => o !== undefined);
    return named ?? owners[0]!;
  };
  const risks = riskTexts.map((text) => ({ text, owner: ownerOf(text), due })) as [Risk, Risk, Risk];

  return {
    service: plan.release.service,
    zone: plan.release.timezone,
    version,
    tag,
    facts,
    timeline,
    wentWell,
    improve,
    observations,
    risks,
    owners,
    rollbackCause: cause,
    guardrails: analyses,
  };
}
