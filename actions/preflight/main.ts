import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs, readHttpUrl, readInstant, runContext } from '../../src/action/inputs.js';
import { preflightLine, preflightSummaryHtml } from '../../src/action/step-summaries.js';
import { runPlanPreflight } from '../../src/preflight/plan-preflight.js';
import { repositoryVisibility } from '../../src/action/event-repository.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const context = runContext();
  const at = readInstant('at');
  const prometheusUrl = readHttpUrl('prometheus-url');
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
    if (r.status === 'fail' || r.status === 'error') core.error(r.message, { title: `preflight ${r.name}` });
    else core.info(preflightLine(r));
  }
  core.info(`Preflight ${report.summaryLine}`);
  await core.summary
    .addRaw(preflightSummaryHtml(report, { version: inputs.version, evidencePath: evidence.path }), true)
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
