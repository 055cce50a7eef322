import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, runContext } from '../../src/action/inputs.js';
import { escapeHtml } from '../../src/action/summary.js';
import { ConfigurationError } from '../../src/config/index.js';
import { runPlanPreflight } from '../../src/preflight/plan-preflight.js';
import { repositoryVisibility } from '../../src/action/event-repository.js';
import { formatDuration, STATUS_MARK } from '../../src/preflight/report.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const context = runContext();
  const atText = core.getInput('at').trim();
  const at = atText ? new Date(atText) : undefined;
  if (at && Number.isNaN(at.getTime()))
    throw new ConfigurationError(
      `input at: ${JSON.stringify(atText)} is not a time (an ISO-8601 instant such as 2026-11-20T09:30:00Z)`,
    );
  const prometheusUrl = core.getInput('prometheus-url').trim();
  if (prometheusUrl && !/^https?:\/\/\S+$/.test(prometheusUrl))
    throw new ConfigurationError(
      `input prometheus-url: ${JSON.stringify(prometheusUrl)} is not an http:// or https:// URL`,
    );
  const repoDir = path.resolve(context.workspace, core.getInput('repo-dir').trim() || '.');
  const previousTag = core.getInput('previous-tag').trim();

  const visibility = repositoryVisibility(context.eventPath);
  const { report, evidence } = await runPlanPreflight({
    plan: path.resolve(context.workspace, inputs.config),
    version: inputs.version,
    repoDir,
    ...(at ? { at } : {}),
    ...(prometheusUrl ? { metricsUrl: prometheusUrl } : {}),
    ...(previousTag ? { previousTag } : {}),
    ...(inputs.token && context.repository
      ? {
          github: {
            token: inputs.token,
            repository: context.repository,
            apiUrl: context.apiUrl,
            ...(context.sha ? { sha: context.sha } : {}),
            ...(visibility ? { visibility } : {}),
            log: { info: core.info, warn: core.warning, debug: core.debug },
          },
        }
      : {}),
    ...(context.runUrl ? { runUrl: context.runUrl } : {}),
  });

  const evidenceFile = path.join(context.workspace, evidence.path);
  await mkdir(path.dirname(evidenceFile), { recursive: true });
  await writeFile(evidenceFile, evidence.content, 'utf8');

  const results = report.results.map(({ output: _output, details: _details, ...r }) => r);
  core.setOutput('passed', String(report.passed));
  core.setOutput('total', String(report.total));
  core.setOutput('summary-line', report.summaryLine);
  core.setOutput('result-json', JSON.stringify(results));
  core.setOutput('evidence-file', evidenceFile);

  for (const r of report.results) {
    const line = `${STATUS_MARK[r.status].padEnd(9)} ${r.name} (${r.kind}, ${formatDuration(r.duration_ms)}): ${r.message}`;
    if (r.status === 'fail' || r.status === 'error') core.error(r.message, { title: `preflight ${r.name}` });
    else core.info(line);
  }
  core.info(`Preflight ${report.summaryLine}`);

  await core.summary
    .addHeading(`Preflight ${escapeHtml(report.summaryLine)}`, 2)
    .addRaw(
      `<p>${escapeHtml(`v${inputs.version}`)}; previous tag <code>${escapeHtml(report.previousTag ?? 'none')}</code>; evidence <code>${escapeHtml(evidence.path)}</code></p>`,
    )
    .addTable([
      ['Result', 'Check', 'Kind', 'Expected', 'Observed', 'Why', 'Time'].map((h) => ({
        data: h,
        header: true,
      })),
      ...report.results.map((r) =>
        [
          STATUS_MARK[r.status],
          r.name,
          r.kind,
          r.expected,
          r.observed,
          r.message,
          formatDuration(r.duration_ms),
        ].map((c) => escapeHtml(c)),
      ),
    ])
    .write();

  if (!report.ok) {
    const failed = report.results
      .filter((r) => r.status === 'fail' || r.status === 'error')
      .map((r) => r.name);
    core.setFailed(`Preflight ${report.summaryLine}: ${failed.join(', ')} did not pass`);
  }
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('preflight', act);
}
