/**
 * How a preflight is shown: the `N/N PASS` line a release engineer reads ("Preflight 9/9"), a text table for
 * the terminal, and the view the evidence template `preflight.txt.mustache` is rendered from.
 */
import {
  createTemplateSource,
  renderEvidence,
  type RenderedEvidence,
  type TemplateSource,
} from '../evidence/render.js';
import type { CheckResult, PreflightReport } from './types.js';
import type { Clock } from '../platform/clock.js';

export type Verdict = 'PASS' | 'FAIL' | 'SIMULATED';

/** FAIL when any check failed or could not run; SIMULATED when none failed but some were only simulated. */
export function verdictOf(results: CheckResult[]): Verdict {
  if (results.some((r) => r.status === 'fail' || r.status === 'error')) return 'FAIL';
  if (results.some((r) => r.status === 'simulated')) return 'SIMULATED';
  return 'PASS';
}

/** `9/9 PASS`, `7/9 FAIL`, `8/9 SIMULATED`. The count is of checks that passed; simulated ones never do. */
export function summaryLine(results: CheckResult[]): string {
  const passed = results.filter((r) => r.status === 'pass').length;
  return `${passed}/${results.length} ${verdictOf(results)}`;
}

export const STATUS_MARK: Record<CheckResult['status'], string> = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'ERROR',
  simulated: 'SIMULATED',
};

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function indent(text: string, prefix: string): string {
  return text
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => `${prefix}${l}`)
    .join('\n');
}

/** The detail lines under one check in preflight.txt: the message, expected/observed, and kept output. */
export function detailText(r: CheckResult): string {
  const lines = [r.message, `expected: ${r.expected}`, `observed: ${r.observed}`];
  if (r.attempts > 1) lines.push(`attempts: ${r.attempts}`);
  if (r.output?.command)
    lines.push(
      `command: ${r.output.command}${r.output.exit_code !== undefined ? ` (exit ${r.output.exit_code ?? 'killed'})` : ''}`,
    );
  if (r.output?.stdout) lines.push('stdout:', indent(r.output.stdout, '  | '));
  if (r.output?.stderr) lines.push('stderr:', indent(r.output.stderr, '  | '));
  // The template indents the first line; every following line gets the same indent here.
  return lines.flatMap((l) => l.split('\n')).join('\n    ');
}

/** The view passed to the evidence renderer for `preflight.txt` (keys required by src/evidence: checks, passed, total, verdict). */
export function preflightEvidenceView(
  report: PreflightReport,
  context: { version: string; run_url?: string },
) {
  return {
    version: context.version,
    ...(context.run_url ? { run_url: context.run_url } : {}),
    passed: report.passed,
    total: report.total,
    verdict: verdictOf(report.results),
    summary_line: report.summaryLine,
    previous_tag: report.previousTag ?? 'none',
    checks: report.results.map((r) => ({
      status: STATUS_MARK[r.status],
      name: r.name,
      kind: r.kind,
      duration: formatDuration(r.duration_ms),
      detail: detailText(r),
    })),
  };
}

export function renderPreflightEvidence(
  report: PreflightReport,
  context: {
    version: string;
    run_url?: string;
    dir: string;
    clock: Pick<Clock, 'now'>;
    templates?: TemplateSource;
  },
): RenderedEvidence {
  return renderEvidence('preflight', preflightEvidenceView(report, context), {
    clock: context.clock,
    dir: context.dir,
    templates: context.templates ?? createTemplateSource(),
  });
}

/** A plain-text table for the terminal. */
export function textTable(report: PreflightReport): string {
  const rows = report.results.map((r) => [
    STATUS_MARK[r.status],
    r.name,
    r.kind,
    formatDuration(r.duration_ms),
    r.message,
  ]);
  const header = ['RESULT', 'CHECK', 'KIND', 'TIME', 'WHY'];
  const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('  ');
  return [line(header), ...rows.map(line), '', `Preflight ${report.summaryLine}`].join('\n');
}
