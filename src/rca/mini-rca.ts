/**
 * The mini-RCA step (T+24h): read the release's evidence, derive the RCA, render
 * `mini_rca_<version>.md` and `report.html`, write them to a local folder (for the job summary and artifacts)
 * and commit them to the evidence branch.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pushEvidence } from '../evidence/push.js';
import { createTemplateSource, type TemplateSource } from '../evidence/render.js';
import type { GitCommandManagerFactory } from '../git/git-command-manager.js';
import { loadReleaseEvidence } from '../evidence/release-evidence.js';
import { renderRcaMarkdown } from './markdown.js';
import { deriveRca, type MiniRca } from './rca.js';
import { renderReportHtml } from './report.js';
import { describeRunOutcome, type RunOutcome } from './run-outcome.js';
import type { Clock } from '../platform/clock.js';

export interface MiniRcaOptions {
  configPath: string;
  version: string;
  evidenceRemote: string;
  deploymentId?: string;
  token?: string;
  dryRun: boolean;
  /** Local folder for the rendered files. */
  outDir: string;
  runUrl?: string;
  /** How the workflow ended (its job results); stated first among the observations. */
  runOutcome?: RunOutcome;
  clock: Pick<Clock, 'now'>;
  log: (line: string) => void;
  git?: GitCommandManagerFactory;
  templates?: TemplateSource;
  cwd?: string;
}

export interface MiniRcaResult {
  rca: MiniRca;
  markdown: string;
  rcaPath: string;
  reportPath: string;
  /** Paths in the evidence branch. */
  evidencePaths: string[];
  pushed: boolean;
  changed: boolean;
}

export async function runMiniRca(options: MiniRcaOptions): Promise<MiniRcaResult> {
  const { plan, tag, evidenceDir, evidence } = await loadReleaseEvidence(options);
  const rca = deriveRca({
    plan,
    version: options.version,
    stages: evidence.stages,
    decisions: evidence.decisions,
    clock: options.clock,
    // A tag exists only for a release that reached GA; a rolled-back release is named by its version (as `report`).
    ...(evidence.decisions.some((d) => d.phase === 'ga') ? { tag } : {}),
    freezeStartedAt: evidence.freezeStartedAt,
  });
  if (options.runOutcome) rca.observations.unshift(describeRunOutcome(options.runOutcome));
  const templates =
    options.templates ??
    createTemplateSource(plan.evidence.templates ? { overrideDir: plan.evidence.templates } : {});
  const md = renderRcaMarkdown(rca, {
    clock: options.clock,
    templates,
    dir: evidenceDir,
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
  });
  const reportName = 'report.html';
  const files = [...new Set([...evidence.evidenceFiles, md.path.split('/').pop()!, reportName])].sort();
  // report.html sits in the evidence folder: its links are relative to it, the decision log included.
  const links = [
    ...files,
    ...(evidence.decisionLogPath ? [path.posix.relative(evidenceDir, evidence.decisionLogPath)] : []),
  ];
  const { html } = renderReportHtml({
    plan,
    rca,
    stages: evidence.stages,
    evidenceFiles: links,
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
    generatedAt: options.clock.now(),
  });
  await mkdir(options.outDir, { recursive: true });
  const rcaPath = path.join(options.outDir, md.path.split('/').pop()!);
  const reportPath = path.join(options.outDir, reportName);
  await writeFile(rcaPath, md.content);
  await writeFile(reportPath, html);
  const evidencePaths = [md.path, `${evidenceDir}/${reportName}`];
  let changed = false;
  if (!options.dryRun) {
    const pushed = await pushEvidence({
      remote: options.evidenceRemote,
      branch: plan.evidence.branch,
      files: [
        { path: md.path, content: md.content },
        { path: `${evidenceDir}/${reportName}`, content: html },
      ],
      message: `evidence(${tag}): mini-rca - ${rca.facts.outcome}\n\nRelease: ${tag}\nStage: mini-rca\nRun: ${options.runUrl ?? 'local run (no GitHub run URL)'}\n`,
      token: options.token,
      git: options.git,
      log: options.log,
      cwd: options.cwd,
      clock: options.clock,
    });
    changed = pushed.changed;
  }
  return { rca, markdown: md.content, rcaPath, reportPath, evidencePaths, pushed: !options.dryRun, changed };
}
