/**
 * The stage-gate job summary, in the report's compact shape: one verdict line; the guardrails at the decision as
 * compact rows (value, thresholds, verdict, judge p-value or detectable effect); the full reason once, folded; the
 * facts (sign-off, traffic, deployment); every evidence file linked; the war-room lines (each marked on the release
 * clock, T+ from the freeze's start) folded; and one chart per guardrail of the canary against the baseline with
 * its thresholds, on the same clock.
 *
 * Charts are Mermaid `xychart-beta` blocks, not inline SVG: GitHub renders Mermaid in job summaries but strips
 * <svg> from them. A Mermaid block is not HTML, so HTML escaping would show up as `&lt;` in the chart; every
 * string that goes into one is reduced to a safe character set instead (mermaidText), and numbers are printed as
 * plain decimals. Everything outside the blocks is HTML and goes through escapeHtml. xychart has no legend, so
 * the series order is written under each chart.
 */
import type { ReleasePlan, ThresholdLevelConfig } from '../config/index.js';
import { unitOf } from '../gate/metric-names.js';
import type { SampleRecord, StageResult } from '../gate/types.js';
import { verdictLine } from '../rca/facts.js';
import { guardrailRows } from '../rca/guardrail-rows.js';
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
    `    x-axis "T+ (release clock)" [${samples.map((s) => `"${mermaidText(releaseMarkOf(s))}"`).join(', ')}]`,
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

/** The sample's mark on the release clock, as its war-room line begins (`:17`, `:17:04`). */
function releaseMarkOf(sample: SampleRecord): string {
  return sample.warroom.split(' | ')[0] ?? '';
}

/** Where the evidence a stage pushed can be opened: the branch's web view when the evidence is in this repository. */
export interface EvidenceWeb {
  serverUrl: string;
  repository: string;
  branch: string;
}

export function evidenceUrl(web: EvidenceWeb | null, path: string): string | null {
  if (!web) return null;
  return `${web.serverUrl.replace(/\/+$/, '')}/${web.repository}/blob/${encodeURIComponent(web.branch)}/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export interface StageSummaryInput {
  plan: ReleasePlan;
  version: string;
  stageNumber: number;
  result: StageResult;
  /** Facts shown under the verdict: sign-off, traffic, deployment, evidence. */
  facts: Array<[string, string]>;
  dryRun: boolean;
  /** The files the stage pushed (or would push, in dry-run), linked when `web` is given. */
  evidence?: { paths: string[]; web: EvidenceWeb | null };
}

const ICON: Record<StageResult['decision'], string> = {
  PROCEED: '✅',
  ROLLBACK: '🛑',
  REVIEW: '⚠️',
  HOLD: '⚠️',
};

/** A two-column table of facts (name, value), every string escaped. */
export function htmlFacts(facts: Array<[string, string]>): string {
  return [
    '<table>',
    ...facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
  ].join('\n');
}

export function stageSummaryHtml(input: StageSummaryInput): string {
  const { plan, result } = input;
  const verdict = verdictLine(result.reason);
  const rows = guardrailRows(plan, result).map(
    (g) =>
      `<tr><td>${escapeHtml(g.name)}</td><td>${escapeHtml(g.value)}</td><td>${escapeHtml(g.thresholds)}</td><td><b>${escapeHtml(g.verdict)}</b></td><td>${escapeHtml(g.judge)}</td></tr>`,
  );
  const files = input.evidence?.paths ?? [];
  const parts = [
    `<h2>${ICON[result.decision]} Stage ${input.stageNumber} ${escapeHtml(result.stage.name)}: ${escapeHtml(result.decision)}${input.dryRun ? ' (dry-run)' : ''}</h2>`,
    `<p>${escapeHtml(plan.release.service)} v${escapeHtml(input.version)}: ${escapeHtml(verdict)}</p>`,
    ...(result.reason !== verdict
      ? [`<details><summary>Full reason</summary><p>${escapeHtml(result.reason)}</p></details>`]
      : []),
    '',
    '<table><tr><th>Guardrail</th><th>Value</th><th>Thresholds</th><th>Verdict</th><th>Judge</th></tr>',
    ...(rows.length ? rows : ['<tr><td colspan="5">no sample was taken</td></tr>']),
    '</table>',
    '',
    htmlFacts(input.facts),
    '',
    ...(files.length
      ? [
          '<h3>Evidence</h3>',
          '',
          `<ul>${files
            .map((f) => {
              const url = evidenceUrl(input.evidence!.web, f);
              return url
                ? `<li><a href="${escapeHtml(url)}">${escapeHtml(f)}</a></li>`
                : `<li><code>${escapeHtml(f)}</code></li>`;
            })
            .join('')}</ul>`,
          '',
        ]
      : []),
    `<details><summary>War-room log (${result.samples.length} sample(s), marked T+ on the release clock)</summary>`,
    '',
    `<pre>${result.samples.map((s) => escapeHtml(s.warroom)).join('\n')}</pre>`,
    '</details>',
    '',
    '<h3>Canary against baseline</h3>',
    '',
  ];
  for (const g of result.guardrails) {
    const chart = guardrailChart(plan, g.name, result.samples);
    parts.push(chart ?? `<p>${escapeHtml(g.name)}: no measured sample to draw.</p>`, '');
  }
  return parts.join('\n');
}
