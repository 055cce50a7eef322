/**
 * The mini-RCA job summary, in the report's compact shape: the outcome's verdict line with the full reason once,
 * folded; one verdict line per stage; the timeline on the release clock (`:MM` from the freeze's start) with times
 * in the plan's zone and each detail cut to its verdict line; the findings; every evidence file named. Pure: the
 * action hands the HTML to core.summary. Every string passes escapeHtml.
 */
import { humanDuration, verdictLine } from './facts.js';
import type { MiniRca } from './rca.js';
import { escapeHtml, zonedTime } from './report.js';

export interface RcaSummaryInput {
  rca: MiniRca;
  /** How the workflow ended, when the action was told; else the RCA's outcome. */
  runOutcome?: string;
  dryRun: boolean;
  evidencePaths: string[];
  pushed: boolean;
  changed: boolean;
}

export function rcaSummaryHtml(input: RcaSummaryInput): string {
  const { rca } = input;
  const f = rca.facts;
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
  const verdict = verdictLine(f.outcomeReason);
  const stageRows = f.stages.map(
    (r) =>
      `<tr><td>${r.number}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.traffic)}</td><td><b>${escapeHtml(r.decision)}</b></td><td>${escapeHtml(humanDuration(r.duration_s))}</td><td>${escapeHtml(verdictLine(r.reason))}</td></tr>`,
  );
  const timelineRows = rca.timeline.map(
    (e) =>
      `<tr><td><code>${escapeHtml(e.minute)}</code></td><td>${escapeHtml(zonedTime(e.at, rca.zone))}</td><td>${escapeHtml(e.label)}</td><td>${escapeHtml(verdictLine(e.detail))}</td></tr>`,
  );
  const state = input.pushed ? (input.changed ? 'committed' : 'unchanged') : 'not pushed: dry-run';
  return [
    `<h2>Mini RCA - ${escapeHtml(rca.tag ?? rca.version)} (${escapeHtml(input.runOutcome ?? f.outcome)})${input.dryRun ? ' (dry-run)' : ''}</h2>`,
    `<p><b>${escapeHtml(f.outcome.toUpperCase())}</b> ${escapeHtml(verdict)}</p>`,
    ...(f.outcomeReason !== verdict
      ? [`<details><summary>Full reason</summary><p>${escapeHtml(f.outcomeReason)}</p></details>`]
      : []),
    `<p>${escapeHtml(`Ramp ${f.ramp || '—'}; ${f.stagesPassed}/${f.stagesPlanned} stages passed; ${f.rollbacks} rollback(s); ${humanDuration(f.duration_s)} from T0 ${f.startedAt ? zonedTime(f.startedAt, rca.zone) : '?'} (${rca.zone}).`)}</p>`,
    '<table><tr><th>#</th><th>Stage</th><th>Traffic</th><th>Decision</th><th>Duration</th><th>Verdict</th></tr>',
    ...stageRows,
    '</table>',
    '<h3>Timeline</h3>',
    `<table><tr><th>T+</th><th>Time (${escapeHtml(rca.zone)})</th><th>Event</th><th>Detail</th></tr>`,
    ...timelineRows,
    '</table>',
    '<h3>What Went Well</h3>',
    list(rca.wentWell),
    '<h3>What Could Be Improved</h3>',
    list(rca.improve),
    '<h3>Observations</h3>',
    list(rca.observations),
    '<h3>Remaining Risks</h3>',
    `<ol>${rca.risks.map((r) => `<li>${escapeHtml(r.text)} - ${escapeHtml(r.owner)} - due ${escapeHtml(r.due)}</li>`).join('')}</ol>`,
    `<p>Evidence (${escapeHtml(state)}): ${input.evidencePaths.map((p) => `<code>${escapeHtml(p)}</code>`).join(', ')}</p>`,
  ].join('\n');
}
