/**
 * The incident issue of a rollback (the "create an incident report" step, from `.github/INCIDENT_TEMPLATE.md`). One per
 * release: before creating, the open issues carrying the incident labels are searched for the same title, so a
 * re-run finds the issue it opened instead of opening a second one.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Mustache from 'mustache';
import { ConfigurationError, renderTemplate, type ReleasePlan } from '../config/index.js';
import { createIssue, listIssues, type RepoRef } from '../github/api/index.js';
import type { GitHubClient } from '../github/client.js';
import { maskSecrets } from '../secrets/masker.js';

export const DEFAULT_INCIDENT_TEMPLATE = '.github/INCIDENT_TEMPLATE.md';
export const DEFAULT_INCIDENT_TITLE = 'Canary rollback: {{service}} v{{version}}';

export type MetricsSnapshot = Record<string, number | string | boolean | null>;

export interface IncidentFacts {
  service: string;
  version: string;
  stage: string;
  reason: string;
  triggeredBy: string;
  timestamp: string;
  weight: number;
  runUrl?: string;
  metricsSnapshot?: MetricsSnapshot;
  silenceId?: string;
}

export interface IncidentOutcome {
  number: number;
  url: string;
  /** False when an open incident for this release already existed. */
  created: boolean;
  title: string;
  /** Dry-run: what would have been opened. */
  dryRun?: boolean;
}

export function incidentTitle(
  settings: NonNullable<ReleasePlan['rollback']['incident']>,
  facts: IncidentFacts,
): string {
  return renderTemplate(
    settings.title ?? DEFAULT_INCIDENT_TITLE,
    { service: facts.service, version: facts.version, stage: facts.stage },
    'rollback.incident.title',
  );
}

/** The facts section every incident body ends with, whatever the team's template says. */
export function rollbackFactsMarkdown(facts: IncidentFacts): string {
  const lines = [
    '## Rollback',
    '',
    `- **Release:** ${facts.service} v${facts.version}`,
    `- **Stage:** ${facts.stage}`,
    `- **Reason:** ${facts.reason}`,
    `- **Triggered by:** ${facts.triggeredBy}`,
    `- **Executed:** ${facts.timestamp}`,
    `- **Traffic set to:** ${facts.weight}%`,
    ...(facts.silenceId ? [`- **Alertmanager silence:** ${facts.silenceId}`] : []),
    `- **Run:** ${facts.runUrl || 'local run (no GitHub run URL)'}`,
    '',
    '### Metric snapshot',
    '',
  ];
  const entries = Object.entries(facts.metricsSnapshot ?? {});
  if (entries.length === 0) lines.push('_No metric snapshot was passed to the rollback._');
  else {
    lines.push('| Metric | Value |', '| --- | --- |');
    for (const [k, v] of entries)
      lines.push(`| ${k.replace(/\|/g, '\\|')} | ${String(v).replace(/\|/g, '\\|')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The team's template (mustache, variables: service, version, release, stage, reason, triggered_by, timestamp,
 * weight, run_url) followed by the facts section. A template the plan names explicitly must exist; the default
 * `.github/INCIDENT_TEMPLATE.md` is used only when present.
 */
export async function incidentBody(
  settings: NonNullable<ReleasePlan['rollback']['incident']>,
  facts: IncidentFacts,
  cwd: string,
): Promise<string> {
  const file = settings.template ?? DEFAULT_INCIDENT_TEMPLATE;
  let template: string | undefined;
  try {
    template = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    if (settings.template)
      throw new ConfigurationError(
        `rollback.incident.template: ${file} does not exist (expected a markdown template)`,
      );
  }
  const view = {
    service: facts.service,
    version: facts.version,
    release: `${facts.service} v${facts.version}`,
    stage: facts.stage,
    reason: facts.reason,
    triggered_by: facts.triggeredBy,
    timestamp: facts.timestamp,
    weight: facts.weight,
    run_url: facts.runUrl || 'local run (no GitHub run URL)',
  };
  const head = template
    ? Mustache.render(template, view, {}, { escape: (v: unknown) => String(v) }).trimEnd()
    : `Automatic incident for the rollback of ${view.release}.`;
  return `${head}\n\n${rollbackFactsMarkdown(facts)}`;
}

export async function openIncidentOnce(
  client: GitHubClient,
  repo: RepoRef,
  settings: NonNullable<ReleasePlan['rollback']['incident']>,
  facts: IncidentFacts,
  cwd: string,
): Promise<IncidentOutcome> {
  const title = incidentTitle(settings, facts);
  const labels = settings.labels;
  for await (const issue of listIssues(client, repo, labels, 'open')) {
    if (issue.title === title) return { number: issue.number, url: issue.html_url, created: false, title };
  }
  // An issue is read by everyone with access to the repository: the body passes the run's masker too.
  const body = maskSecrets(await incidentBody(settings, facts, cwd));
  const result = await createIssue(client, repo, { title, body, labels });
  if (!result.performed) return { number: 0, url: '', created: false, title, dryRun: true };
  return { number: result.data.number, url: result.data.html_url, created: true, title };
}
