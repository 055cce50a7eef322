/**
 * The release report: one self-contained HTML file (`report.html` in the evidence). Charts are SVG drawn here,
 * on the server side: no script, no font, no stylesheet from anywhere, and a Content-Security-Policy that forbids
 * every fetch, so the file renders the same on an auditor's laptop years later, offline.
 *
 * Per metric: the canary (and the baseline, where the gate measured it) over the whole release, the threshold
 * lines of every guardrail on that metric (absolute levels as horizontal lines, baseline-relative levels as a
 * line following the baseline), stage bands, and a marker at each decision.
 */
import { DateTime } from 'luxon';
import type { ReleasePlan, ThresholdLevelConfig } from '../config/index.js';
import { unitOf } from '../gate/metric-names.js';
import { escapeHtml } from '../platform/html.js';
import { levelText } from '../gate/thresholds.js';
import type { Decision, StageResult } from '../gate/types.js';
import { zonedTime } from '../evidence/release-clock.js';
import { humanDuration, verdictLine } from './facts.js';
import { guardrailRows } from './guardrail-rows.js';
import type { MiniRca } from './rca.js';

// One escaper for everything a person reads as HTML (job summaries and the report).
export { escapeHtml, verdictLine };

const DECISION_COLOR: Record<Decision, string> = {
  PROCEED: '#1a7f37',
  HOLD: '#9a6700',
  REVIEW: '#8250df',
  ROLLBACK: '#cf222e',
};
const LEVEL_COLOR = { pass: '#1a7f37', soft: '#bf8700', hard: '#cf222e' } as const;
const W = 820;
const H = 260;
const M = { left: 64, right: 16, top: 26, bottom: 34 };

interface Series {
  name: string;
  color: string;
  dash?: string;
  points: Array<[number, number | null]>;
  /** Legend text. */
  label: string;
}

export interface MetricChart {
  metric: string;
  unit: string | undefined;
  guardrails: string[];
  svg: string;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** Times are shown in the plan's release.timezone (times shown to people), each with its UTC offset. */
function hhmm(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');
}

export { zonedTime };

function zoneLabel(ms: number, zone: string): string {
  return `${zone} (UTC${DateTime.fromMillis(ms, { zone }).toFormat('ZZ')})`;
}

/** Width of SVG text at a font size, estimated (no font metrics in a file that loads nothing). */
function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.62;
}

function polylines(series: Series, x: (t: number) => number, y: (v: number) => number): string {
  // A missing reading breaks the line: drawing across a gap would invent data.
  const runs: string[][] = [[]];
  for (const [t, v] of series.points) {
    if (v === null || !Number.isFinite(v)) {
      if (runs.at(-1)!.length) runs.push([]);
      continue;
    }
    runs.at(-1)!.push(`${x(t).toFixed(1)},${y(v).toFixed(1)}`);
  }
  return runs
    .filter((r) => r.length > 0)
    .map((r) =>
      r.length === 1
        ? `<circle class="series ${series.name}" cx="${r[0]!.split(',')[0]}" cy="${r[0]!.split(',')[1]}" r="2.5" fill="${series.color}"/>`
        : `<polyline class="series ${series.name}" fill="none" stroke="${series.color}" stroke-width="2"${series.dash ? ` stroke-dasharray="${series.dash}"` : ''} points="${r.join(' ')}"/>`,
    )
    .join('');
}

function metricChart(
  plan: ReleasePlan,
  metric: string,
  stages: StageResult[],
  t0: number,
  t1: number,
): MetricChart {
  const zone = plan.release.timezone;
  const query = plan.metrics.queries[metric];
  const unit = unitOf(metric, query);
  const guardrails = [
    ...new Set(stages.flatMap((r) => r.guardrails.filter((g) => g.metric === metric).map((g) => g.name))),
  ];
  const readings = stages.flatMap((r) =>
    r.samples.map((s) => {
      const g =
        s.guardrails.find((x) => x.metric === metric && x.values.baseline !== null) ??
        s.guardrails.find((x) => x.metric === metric);
      return { t: Date.parse(s.at), canary: g?.values.canary ?? null, baseline: g?.values.baseline ?? null };
    }),
  );
  const canary: Series = {
    name: 'canary',
    color: '#0969da',
    points: readings.map((p) => [p.t, p.canary]),
    label: 'canary',
  };
  const baseline: Series = {
    name: 'baseline',
    color: '#57606a',
    dash: '5 3',
    points: readings.map((p) => [p.t, p.baseline]),
    label: 'baseline',
  };
  const hasBaseline = readings.some((p) => p.baseline !== null);

  const horizontal: Array<{ value: number; level: keyof typeof LEVEL_COLOR; text: string }> = [];
  const relative: Series[] = [];
  for (const name of guardrails) {
    const config = plan.guardrails[name];
    if (!config) continue;
    for (const level of ['pass', 'soft', 'hard'] as const) {
      const l: ThresholdLevelConfig | undefined = config[level];
      if (!l) continue;
      const text = `${name} ${levelText(level, l, unit)}`;
      if (l.above !== undefined) horizontal.push({ value: l.above, level, text });
      if (l.below !== undefined) horizontal.push({ value: l.below, level, text });
      const rel =
        l.increase !== undefined
          ? 1 + l.increase / 100
          : l.decrease !== undefined
            ? 1 - l.decrease / 100
            : undefined;
      if (rel !== undefined || l.delta !== undefined) {
        relative.push({
          name: `threshold-${level}`,
          color: LEVEL_COLOR[level],
          dash: '2 3',
          label: text,
          points: readings.map((p) => [
            p.t,
            p.baseline === null ? null : rel !== undefined ? p.baseline * rel : p.baseline + l.delta!,
          ]),
        });
      }
    }
  }

  const values = [
    ...readings.flatMap((p) => [p.canary, p.baseline]),
    ...horizontal.map((h) => h.value),
    ...relative.flatMap((s) => s.points.map((p) => p[1])),
  ].filter((v): v is number => v !== null && Number.isFinite(v));
  let lo = values.length ? Math.min(0, ...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (hi === lo) hi = lo + 1;
  const step = niceStep(hi - lo, 5);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil((hi * 1.05) / step) * step;
  const span = Math.max(1, t1 - t0);
  const x = (t: number) => M.left + ((t - t0) / span) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - ((v - lo) / (hi - lo)) * (H - M.top - M.bottom);

  const parts: string[] = [];
  // Stage bands, alternating shades, labelled with the traffic.
  stages.forEach((r, i) => {
    const a = x(Date.parse(r.started_at));
    const b = x(Date.parse(r.decided_at));
    parts.push(
      `<rect class="stage-band" x="${a.toFixed(1)}" y="${M.top}" width="${Math.max(1, b - a).toFixed(1)}" height="${H - M.top - M.bottom}" fill="${i % 2 ? '#f6f8fa' : '#eef2f6'}"/>`,
    );
    const traffic = typeof r.stage.traffic === 'number' ? `${r.stage.traffic}%` : r.stage.name;
    parts.push(
      `<text x="${(a + 3).toFixed(1)}" y="${M.top + 11}" font-size="10" fill="#57606a">${escapeHtml(traffic)}</text>`,
    );
  });
  for (let v = lo; v <= hi + step / 2; v += step) {
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d0d7de" stroke-width="0.5"/>`,
    );
    parts.push(
      `<text x="${M.left - 6}" y="${(y(v) + 3).toFixed(1)}" font-size="10" text-anchor="end" fill="#57606a">${escapeHtml(fmt(v))}</text>`,
    );
  }
  for (const r of stages) {
    const t = Date.parse(r.started_at);
    parts.push(
      `<text x="${x(t).toFixed(1)}" y="${H - M.bottom + 14}" font-size="10" text-anchor="middle" fill="#57606a">${hhmm(t, zone)}</text>`,
    );
  }
  parts.push(
    `<text x="${W - M.right}" y="${H - M.bottom + 28}" font-size="10" text-anchor="end" fill="#57606a">${escapeHtml(zoneLabel(t0, zone))}</text>`,
  );
  for (const h of horizontal) {
    parts.push(
      `<line class="threshold threshold-${h.level}" x1="${M.left}" x2="${W - M.right}" y1="${y(h.value).toFixed(1)}" y2="${y(h.value).toFixed(1)}" stroke="${LEVEL_COLOR[h.level]}" stroke-width="1.2" stroke-dasharray="6 3"><title>${escapeHtml(h.text)}</title></line>`,
    );
    parts.push(
      `<text class="threshold-label" x="${W - M.right - 2}" y="${(y(h.value) - 3).toFixed(1)}" font-size="10" text-anchor="end" fill="${LEVEL_COLOR[h.level]}">${escapeHtml(h.text)}</text>`,
    );
  }
  for (const s of relative) {
    parts.push(polylines(s, x, y).replace(/class="series /g, 'class="threshold series '));
    // Labelled at its last reading, like the horizontal lines: an unlabelled dotted line is a guess for the reader.
    const last = [...s.points].reverse().find((p) => p[1] !== null && Number.isFinite(p[1]));
    if (last)
      parts.push(
        `<text class="threshold-label" x="${W - M.right - 2}" y="${(y(last[1]!) - 3).toFixed(1)}" font-size="10" text-anchor="end" fill="${s.color}">${escapeHtml(s.label)}</text>`,
      );
  }
  if (hasBaseline) parts.push(polylines(baseline, x, y));
  parts.push(polylines(canary, x, y));
  for (const r of stages) {
    const t = x(Date.parse(r.decided_at));
    const color = DECISION_COLOR[r.decision];
    parts.push(
      `<g class="decision-marker" data-decision="${r.decision}"><line x1="${t.toFixed(1)}" x2="${t.toFixed(1)}" y1="${M.top}" y2="${H - M.bottom}" stroke="${color}" stroke-width="1.5"/>` +
        `<path d="M${(t - 5).toFixed(1)},${M.top - 10} L${(t + 5).toFixed(1)},${M.top - 10} L${t.toFixed(1)},${M.top - 2} Z" fill="${color}"/>` +
        `<title>${escapeHtml(`${r.stage.name}: ${r.decision} at ${zonedTime(r.decided_at, zone)} - ${verdictLine(r.reason)}`)}</title></g>`,
    );
  }
  const legend = [
    `<tspan fill="#0969da">━ canary</tspan>`,
    hasBaseline
      ? `<tspan fill="#57606a"> ┅ baseline</tspan>`
      : `<tspan fill="#57606a"> (baseline not gated for this metric)</tspan>`,
  ].join('');
  const title = `${metric}${unit ? ` (${unit})` : ''} - ${guardrails.join(', ')}`;
  const svg =
    `<svg class="metric-chart" data-metric="${escapeHtml(metric)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(title)}">` +
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>` +
    `<text x="${M.left}" y="12" font-size="12" font-weight="600" fill="#24292f">${escapeHtml(title)}</text>` +
    `<text x="${W - M.right}" y="12" font-size="11" text-anchor="end">${legend}</text>` +
    parts.join('') +
    `<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#8c959f"/>` +
    `<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#8c959f"/>` +
    `</svg>`;
  return { metric, unit, guardrails, svg };
}

function timelineChart(stages: StageResult[], t0: number, t1: number, zone: string): string {
  const rowH = 22;
  const h = M.top + stages.length * rowH + 24;
  const span = Math.max(1, t1 - t0);
  const x = (t: number) => 150 + ((t - t0) / span) * (W - 150 - M.right);
  const bars = stages
    .map((r, i) => {
      const a = x(Date.parse(r.started_at));
      const b = x(Date.parse(r.decided_at));
      const yy = M.top + i * rowH;
      const label = `${r.stage.index + 1}. ${r.stage.name} (${typeof r.stage.traffic === 'number' ? `${r.stage.traffic}%` : 'flows'})`;
      const duration = humanDuration((Date.parse(r.decided_at) - Date.parse(r.started_at)) / 1000);
      return (
        `<text x="4" y="${yy + 14}" font-size="11" fill="#24292f">${escapeHtml(label)}</text>` +
        `<rect class="stage-bar" data-decision="${r.decision}" x="${a.toFixed(1)}" y="${yy + 3}" width="${Math.max(2, b - a).toFixed(1)}" height="${rowH - 6}" rx="3" fill="${DECISION_COLOR[r.decision]}"><title>${escapeHtml(`${r.decision} - ${verdictLine(r.reason)}`)}</title></rect>` +
        barLabel(
          `${r.decision} ${duration}${r.holds ? `, ${r.holds} hold${r.holds === 1 ? '' : 's'}` : ''}`,
          a,
          b,
          yy,
        )
      );
    })
    .join('');
  return (
    `<svg class="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" role="img" aria-label="stage timeline">` +
    `<rect x="0" y="0" width="${W}" height="${h}" fill="#ffffff"/>` +
    `<text x="150" y="14" font-size="10" fill="#57606a">${hhmm(t0, zone)}</text><text x="${W / 2}" y="14" font-size="10" text-anchor="middle" fill="#57606a">${escapeHtml(zoneLabel(t0, zone))}</text><text x="${W - M.right}" y="14" font-size="10" text-anchor="end" fill="#57606a">${hhmm(t1, zone)}</text>` +
    bars +
    `</svg>`
  );
}

/**
 * A stage bar's label, whole: after the bar when it fits, else right-aligned at the chart's edge (a label that ran
 * past the edge was clipped, e.g. "ROLLBACK 20m, 1 hold(").
 */
function barLabel(text: string, a: number, b: number, yy: number): string {
  const width = textWidth(text, 10);
  const after = b + 4;
  // After the bar when it fits there, else before it (right-aligned to its start), never over it or past the edge.
  const fits = after + width <= W - 4;
  const xText = fits ? after : Math.max(width + 2, a - 4);
  return `<text class="bar-label" x="${xText.toFixed(1)}" y="${yy + 14}" font-size="10"${fits ? '' : ' text-anchor="end"'} fill="#24292f">${escapeHtml(text)}</text>`;
}

export interface ReportInput {
  plan: ReleasePlan;
  rca: MiniRca;
  stages: StageResult[];
  /** Evidence files to list, paths as shown. */
  evidenceFiles?: string[];
  runUrl?: string;
  generatedAt: Date;
}

export function metricsOf(stages: StageResult[]): string[] {
  return [...new Set(stages.flatMap((r) => r.guardrails.map((g) => g.metric)))];
}

export function renderReportHtml(input: ReportInput): { html: string; charts: MetricChart[] } {
  const { plan, rca, stages } = input;
  const zone = plan.release.timezone;
  // The deciding stage's reason is the one the header gives in full; elsewhere it is named by its verdict line.
  const lastReason = stages.at(-1)?.reason ?? '';
  const decidingReason = lastReason && rca.facts.outcomeReason.includes(lastReason) ? lastReason : '';
  const times = stages.flatMap((r) => [Date.parse(r.started_at), Date.parse(r.decided_at)]);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const charts = metricsOf(stages).map((m) => metricChart(plan, m, stages, t0, t1));
  const f = rca.facts;
  const outcomeColor =
    f.outcome === 'promoted' ? '#1a7f37' : f.outcome === 'rolled-back' ? '#cf222e' : '#9a6700';
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const stageRows = f.stages
    .map(
      (r) =>
        `<tr><td>${r.number}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.traffic)}</td>` +
        `<td><span class="badge" style="background:${DECISION_COLOR[r.decision]}">${r.decision}</span></td>` +
        `<td>${escapeHtml(humanDuration(r.duration_s))}</td><td>${escapeHtml(humanDuration(r.planned_s))}</td><td>${r.holds}</td><td>${r.samples}</td>` +
        `<td>${escapeHtml(r.triggered_by.join(', ') || '—')}</td><td>${escapeHtml(r.approver ?? '—')}</td><td class="verdict">${escapeHtml(verdictLine(r.reason))}</td></tr>`,
    )
    .join('');
  const timeline = rca.timeline
    .map(
      (e) =>
        `<tr class="tl-${e.kind}"><td class="time"><code>${escapeHtml(e.minute)}</code></td><td class="time">${escapeHtml(zonedTime(e.at, zone))}</td><td>${escapeHtml(e.label)}</td><td>${detailCell(e.detail, decidingReason)}</td></tr>`,
    )
    .join('');
  const cause = rca.rollbackCause
    ? `<p class="cause"><strong>Rollback cause:</strong> ${escapeHtml(`${rca.rollbackCause.guardrail} ${rca.rollbackCause.level === 'unknown' ? 'not measurable' : `${rca.rollbackCause.level} breach`} at stage ${rca.rollbackCause.stage.number} ${rca.rollbackCause.stage.name} (${rca.rollbackCause.stage.traffic}): ${rca.rollbackCause.valueText}; threshold ${rca.rollbackCause.threshold}`)}<br><code>${escapeHtml(rca.rollbackCause.query)}</code></p>`
    : '';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${f.service} ${rca.tag ?? rca.version} release report`)}</title>
<style>
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#24292f;margin:24px auto;max-width:880px;padding:0 16px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}
table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f6f8fa}.badge{color:#fff;border-radius:10px;padding:1px 8px;font-size:11px;font-weight:600}
.outcome{display:inline-block;color:#fff;background:${outcomeColor};border-radius:4px;padding:2px 10px;font-weight:600}
figure{margin:12px 0}figcaption{font-size:12px;color:#57606a}.cause{background:#ffebe9;border:1px solid #ff8182;padding:8px;border-radius:4px}
td.time,td.num,.badge{white-space:nowrap}details.stage-guardrails{margin:6px 0}details.stage-guardrails summary{font-size:13px}td,p,li,summary{overflow-wrap:break-word}code{overflow-wrap:anywhere}
details.full-reason{font-size:12px;margin:0 0 8px}details.full-reason p{margin:4px 0 0;color:#57606a}
svg{max-width:100%;height:auto;display:block}
</style>
</head>
<body>
<h1>${escapeHtml(f.service)} ${escapeHtml(rca.tag ?? `v${rca.version}`)}</h1>
<p class="verdict-line"><span class="outcome">${escapeHtml(f.outcome.toUpperCase())}</span> ${escapeHtml(verdictLine(f.outcomeReason))}</p>
${f.outcomeReason.length > verdictLine(f.outcomeReason).length ? `<details class="full-reason"><summary>Full reason</summary><p>${escapeHtml(f.outcomeReason)}</p></details>` : ''}
<p>${escapeHtml(`Ramp ${f.ramp || '—'}; ${f.stagesPassed}/${f.stagesPlanned} stages passed; ${f.rollbacks} rollback(s); ${humanDuration(f.duration_s)} from ${f.startedAt ? zonedTime(f.startedAt, zone) : '?'} to ${f.endedAt ? zonedTime(f.endedAt, zone) : '?'} (${zone}).`)}${input.runUrl ? ` Run: ${escapeHtml(input.runUrl)}` : ''}</p>
${cause}
<h2>Timeline</h2>
${timelineChart(stages, t0, t1, zone)}
<table class="timeline"><thead><tr><th>T+</th><th>Time (${escapeHtml(zone)})</th><th>Event</th><th>Detail</th></tr></thead><tbody>${timeline}</tbody></table>
<h2>Stage decisions</h2>
<table class="stages"><thead><tr><th>#</th><th>Stage</th><th>Traffic</th><th>Decision</th><th>Duration</th><th>Planned</th><th>Holds</th><th>Samples</th><th>Trigger</th><th>Approver</th><th>Verdict</th></tr></thead><tbody>${stageRows}</tbody></table>
<h2>Guardrails at each stage's decision</h2>
${stages.map((r, i) => guardrailTable(plan, r, i === stages.length - 1)).join('\n')}
<h2>Metrics: canary against baseline</h2>
${charts.map((c) => `<figure data-metric="${escapeHtml(c.metric)}">${c.svg}<figcaption>${escapeHtml(`${c.metric}: guardrails ${c.guardrails.join(', ')}; dashed lines are thresholds (green pass, amber soft, red hard); triangles mark each stage decision.`)}</figcaption></figure>`).join('\n')}
<h2>Mini-RCA</h2>
<h3>What Went Well</h3>${list(rca.wentWell)}
<h3>What Could Be Improved</h3>${list(rca.improve)}
<h3>Observations</h3>${list(rca.observations)}
<h3>Remaining Risks</h3><ol>${rca.risks.map((r) => `<li>${escapeHtml(r.text)} — <strong>${escapeHtml(r.owner)}</strong> — due ${escapeHtml(r.due)}</li>`).join('')}</ol>
${input.evidenceFiles?.length ? `<h2>Evidence</h2><ul class="evidence">${input.evidenceFiles.map((file) => `<li><a href="${escapeHtml(encodeURI(file))}">${escapeHtml(file)}</a></li>`).join('')}</ul>` : ''}
<p style="font-size:11px;color:#57606a">Generated ${escapeHtml(zonedTime(input.generatedAt.getTime(), zone))} by canary-conductor. Self-contained: no scripts, no network.</p>
</body>
</html>
`;
  return { html, charts };
}

/**
 * A timeline entry's detail, with the release's full reason shown once (in the header): here it is replaced by its
 * verdict line, and any other long detail is collapsed behind its first clause.
 */
function detailCell(detail: string, fullReason: string): string {
  const text =
    fullReason && fullReason !== verdictLine(fullReason) && detail.includes(fullReason)
      ? detail.split(fullReason).join(`${verdictLine(fullReason)} (full reason at the top)`)
      : detail;
  if (text.length <= 200) return escapeHtml(text);
  return `<details><summary>${escapeHtml(verdictLine(text))}</summary>${escapeHtml(text)}</details>`;
}

/**
 * A stage's guardrails at its decision, one compact row each (value, thresholds, verdict, judge), instead of
 * prose; the deciding stage is open, the others folded under their verdict line.
 */
function guardrailTable(plan: ReleasePlan, r: StageResult, open: boolean): string {
  const rows = guardrailRows(plan, r)
    .map(
      (g) =>
        `<tr><td>${escapeHtml(g.name)}</td><td class="num">${escapeHtml(g.value)}</td>` +
        `<td>${escapeHtml(g.thresholds)}</td><td class="num">${escapeHtml(g.verdict)}</td>` +
        `<td>${escapeHtml(g.judge)}</td></tr>`,
    )
    .join('');
  const summary = `Stage ${r.stage.index + 1} ${r.stage.name}: ${r.decision} — ${verdictLine(r.reason)}`;
  return (
    `<details class="stage-guardrails"${open ? ' open' : ''}><summary>${escapeHtml(summary)}</summary>` +
    `<table class="guardrails"><thead><tr><th>Guardrail</th><th>Value</th><th>Thresholds</th><th>Verdict</th><th>Judge</th></tr></thead><tbody>${rows}</tbody></table></details>`
  );
}
