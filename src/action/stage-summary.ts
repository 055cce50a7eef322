/**
 * The stage-gate job summary: the decision, one table per sample (each guardrail's canary, baseline, thresholds
 * and status), and one chart per guardrail of the canary against the baseline with its thresholds.
 *
 * Charts are Mermaid `xychart-beta` blocks, not inline SVG: GitHub renders Mermaid in job summaries but strips
 * <svg> from them. A Mermaid block is not HTML, so HTML escaping would show up as `&lt;` in the chart; every
 * string that goes into one is reduced to a safe character set instead (mermaidText), and numbers are printed as
 * plain decimals. Everything outside the blocks is HTML and goes through escapeHtml. xychart has no legend, so
 * the series order is written under each chart.
 */
import type { ReleasePlan, ThresholdLevelConfig } from '../config/index.js';
import { unitOf } from '../gate/metric-names.js';
import type { GuardrailSample, SampleRecord, StageResult } from '../gate/types.js';
import { statusWord } from '../gate/warroom.js';
import { formatValue, thresholdText } from '../stage-gate/views.js';
import { escapeHtml } from '../platform/html.js';

/** Letters, digits, space and `_ . , % + - / : ( ) =`; anything else (quotes, brackets, <, >, newlines) becomes `_`. */
export function mermaidText(text: string): string {
  return String(text)
    .replace(/[^A-Za-z0-9 _.,%+\-/:()=]/g, '_')
    .slice(0, 80);
}

function num(v: number): string {
  if (!Number.isFinite(v)) return '0';
  return String(Number(v.toPrecision(6)));
}

interface Series {
  name: string;
  values: Array<number | null>;
}

/** Threshold lines of a guardrail at each sample: absolute levels are flat; baseline-relative ones follow the baseline. */
function thresholdSeries(
  level: 'soft' | 'hard' | 'pass',
  config: ThresholdLevelConfig | undefined,
  baselines: Array<number | null>,
): Series[] {
  if (!config) return [];
  const out: Series[] = [];
  if (config.above !== undefined)
    out.push({ name: `${level} > ${num(config.above)}`, values: baselines.map(() => config.above!) });
  if (config.below !== undefined)
    out.push({ name: `${level} < ${num(config.below)}`, values: baselines.map(() => config.below!) });
  if (config.increase !== undefined)
    out.push({
      name: `${level} baseline +${num(config.increase)}%`,
      values: baselines.map((b) => (b === null ? null : b * (1 + config.increase! / 100))),
    });
  if (config.decrease !== undefined)
    out.push({
      name: `${level} baseline -${num(config.decrease)}%`,
      values: baselines.map((b) => (b === null ? null : b * (1 - config.decrease! / 100))),
    });
  return out;
}

/** A Mermaid xychart of one guardrail over the stage; null when no sample measured it. */
export function guardrailChart(plan: ReleasePlan, guardrail: string, samples: SampleRecord[]): string | null {
  const config = plan.guardrails[guardrail];
  if (!config) return null;
  const points = samples.map((s) => s.guardrails.find((g) => g.name === guardrail));
  const canary = points.map((g) => finite(g?.values.canary));
  const baseline = points.map((g) => finite(g?.values.baseline));
  const measured = [...canary, ...baseline].filter((v): v is number => v !== null);
  if (measured.length === 0) return null;
  const series: Series[] = [{ name: 'canary', values: canary }];
  if (baseline.some((v) => v !== null)) series.push({ name: 'baseline', values: baseline });
  for (const level of ['pass', 'soft', 'hard'] as const)
    series.push(...thresholdSeries(level, config[level], baseline));
  const all = series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all);
  const pad = hi === lo ? 1 : (hi - lo) * 0.1;
  // A gap has no value in xychart; an unmeasured point is drawn at the axis floor and the table says n/a.
  const fill = (values: Array<number | null>) => values.map((v) => num(v ?? lo)).join(', ');
  const unit = unitOf(config.metric, plan.metrics.queries[config.metric]) ?? '';
  return [
    '```mermaid',
    'xychart-beta',
    `    title "${mermaidText(`${guardrail}: ${config.metric}`)}"`,
    `    x-axis "seconds into the stage" [${samples.map((s) => `"${num(s.elapsed_s)}"`).join(', ')}]`,
    `    y-axis "${mermaidText(unit || config.metric)}" ${num(lo)} --> ${num(hi + pad)}`,
    ...series.map((s) => `    line [${fill(s.values)}]`),
    '```',
    '',
    `<sub>Lines in order: ${escapeHtml(series.map((s) => s.name).join(', '))}.</sub>`,
  ].join('\n');
}

function finite(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

function sampleTable(plan: ReleasePlan, sample: SampleRecord): string {
  const row = (g: GuardrailSample) => {
    const unit = unitOf(g.metric, plan.metrics.queries[g.metric]);
    return `<tr><td>${escapeHtml(g.name)}</td><td>${escapeHtml(formatValue(g.values.canary, unit))}</td><td>${escapeHtml(g.against === 'baseline' ? formatValue(g.values.baseline, unit) : '—')}</td><td>${escapeHtml(thresholdText(g))}</td><td><b>${escapeHtml(statusWord(g))}</b></td><td>${escapeHtml(g.reason)}</td></tr>`;
  };
  return [
    `<details${sample.state === 'decided' ? ' open' : ''}><summary>Sample ${sample.index} at +${escapeHtml(num(sample.elapsed_s))}s: <code>${escapeHtml(sample.warroom)}</code></summary>`,
    '',
    '<table><tr><th>Guardrail</th><th>Canary</th><th>Baseline</th><th>Thresholds</th><th>Status</th><th>Why</th></tr>',
    ...sample.guardrails.map(row),
    '</table>',
    '</details>',
    '',
  ].join('\n');
}

export interface StageSummaryInput {
  plan: ReleasePlan;
  version: string;
  stageNumber: number;
  result: StageResult;
  /** Facts shown above the samples: sign-off, traffic, deployment, evidence. */
  facts: Array<[string, string]>;
  dryRun: boolean;
}

export function stageSummaryHtml(input: StageSummaryInput): string {
  const { plan, result } = input;
  const icon = result.decision === 'PROCEED' ? '✅' : result.decision === 'ROLLBACK' ? '🛑' : '⚠️';
  const parts = [
    `<h2>${icon} Stage ${input.stageNumber} ${escapeHtml(result.stage.name)}: ${escapeHtml(result.decision)}${input.dryRun ? ' (dry-run)' : ''}</h2>`,
    `<p>${escapeHtml(plan.release.service)} v${escapeHtml(input.version)}: ${escapeHtml(result.reason)}</p>`,
    '<table>',
    ...input.facts.map(
      ([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
    ),
    '</table>',
    '',
    '<h3>Samples</h3>',
    '',
    ...result.samples.map((s) => sampleTable(plan, s)),
    '<h3>Canary against baseline</h3>',
    '',
  ];
  for (const g of result.guardrails) {
    const chart = guardrailChart(plan, g.name, result.samples);
    parts.push(chart ?? `<p>${escapeHtml(g.name)}: no measured sample to draw.</p>`, '');
  }
  return parts.join('\n');
}
