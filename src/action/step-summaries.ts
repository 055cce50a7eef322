/**
 * The job summaries of the rollback, release-tag and mini-RCA actions, as HTML (every user or metric string
 * escaped), so each action's entry only reads its inputs, calls its step and writes what it got.
 */
import { formatDuration, STATUS_MARK } from '../preflight/report.js';
import type { PreflightReport } from '../preflight/types.js';
import type { RollbackResult } from '../rollback/run-rollback.js';
import type { MiniRcaResult } from '../rca/mini-rca.js';
import type { RunOutcome } from '../rca/run-outcome.js';
import { humanDuration } from '../rca/facts.js';
import { rcaSummaryHtml } from '../rca/summary.js';
import type { ReleaseTagResult } from '../release/release-tag.js';
import { escapeHtml } from './summary.js';

/** A table whose first row is the header; cells are escaped here. */
export function htmlTable(header: string[], rows: unknown[][]): string {
  const tr = (cells: string[]) => `<tr>${cells.join('')}</tr>`;
  return `<table>${tr(header.map((h) => `<th>${escapeHtml(h)}</th>`))}${rows
    .map((r) => tr(r.map((c) => `<td>${escapeHtml(c)}</td>`)))
    .join('')}</table>\n`;
}

function heading(text: string, level: 2 | 3): string {
  return `<h${level}>${escapeHtml(text)}</h${level}>\n`;
}

export function rollbackSummaryHtml(
  input: { service: string; version: string; stage: string; reason: string; dryRun: boolean },
  result: RollbackResult,
): string {
  const failed = result.steps.filter((s) => !s.ok).map((s) => s.name);
  return [
    heading(`Rollback: ${input.service} v${input.version}${input.dryRun ? ' (dry-run)' : ''}`, 2),
    `<p>Stage <code>${escapeHtml(input.stage)}</code>, reason: ${escapeHtml(input.reason)}. ${
      result.ok
        ? 'Every step done.'
        : `<strong>Failed: ${escapeHtml(failed.join(', '))}</strong> (the other steps still ran).`
    }</p>`,
    htmlTable(
      ['Step', 'Result', 'What happened'],
      result.steps.map((s) => [s.name, s.skipped ? 'skipped' : s.ok ? 'OK' : 'FAILED', s.detail]),
    ),
  ].join('');
}

/** The rollback step's failure message: what failed, what was done, and why each failure happened. */
export function rollbackFailure(result: RollbackResult): string | null {
  if (result.ok) return null;
  const failed = result.steps.filter((s) => !s.ok);
  const done = result.steps.filter((s) => s.ok).map((s) => s.name);
  return `rollback: ${failed.length} of ${result.steps.length} steps failed (${failed.map((s) => s.name).join(', ')}); done: ${
    done.join(', ') || 'none'
  }. ${failed.map((s) => `${s.name}: ${s.error}`).join(' | ')}`;
}

export function releaseTagSummaryHtml(result: ReleaseTagResult, dryRun: boolean): string {
  const f = result.facts;
  return [
    heading(`Release ${result.tag.tag}${dryRun ? ' (dry-run)' : ''}`, 2),
    `<p><code>${escapeHtml(result.oneliner.trim())}</code></p>`,
    htmlTable(
      ['What', 'Result'],
      [
        ['Tag', `${result.tag.tag} at ${result.tag.sha}: ${result.tag.status}`],
        ['GitHub release', `${result.release.action}${result.release.url ? ` (${result.release.url})` : ''}`],
        [
          'Evidence',
          `${result.evidence.files.join(', ')}: ${result.evidence.pushed ? (result.evidence.changed ? 'committed' : 'already recorded') : 'not pushed (dry-run)'}`,
        ],
      ],
    ),
    htmlTable(
      ['#', 'Stage', 'Traffic', 'Decision', 'Duration', 'Holds'],
      f.stages.map((r) => [r.number, r.name, r.traffic, r.decision, humanDuration(r.duration_s), r.holds]),
    ),
  ].join('');
}

export function miniRcaSummaryHtml(
  result: MiniRcaResult,
  input: { runOutcome: RunOutcome | null | undefined; dryRun: boolean },
): string {
  return rcaSummaryHtml({
    rca: result.rca,
    ...(input.runOutcome ? { runOutcome: input.runOutcome } : {}),
    dryRun: input.dryRun,
    evidencePaths: result.evidencePaths,
    pushed: result.pushed,
    changed: result.changed,
  });
}

export function preflightSummaryHtml(
  report: PreflightReport,
  input: { version: string; evidencePath: string },
): string {
  return [
    heading(`Preflight ${report.summaryLine}`, 2),
    `<p>${escapeHtml(`v${input.version}`)}; previous tag <code>${escapeHtml(report.previousTag ?? 'none')}</code>; evidence <code>${escapeHtml(input.evidencePath)}</code></p>`,
    htmlTable(
      ['Result', 'Check', 'Kind', 'Expected', 'Observed', 'Why', 'Time'],
      report.results.map((r) => [
        STATUS_MARK[r.status],
        r.name,
        r.kind,
        r.expected,
        r.observed,
        r.message,
        formatDuration(r.duration_ms),
      ]),
    ),
  ].join('');
}

/** One log line per check, as the preflight step prints them (failures go out as annotations instead). */
export function preflightLine(r: PreflightReport['results'][number]): string {
  return `${STATUS_MARK[r.status].padEnd(9)} ${r.name} (${r.kind}, ${formatDuration(r.duration_ms)}): ${r.message}`;
}
