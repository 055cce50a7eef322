/**
 * The mini-RCA as evidence: `mini_rca_<version>.md`, rendered through the evidence templates
 * (evidence-templates/mini_rca.md.mustache, overridable per plan). The view carries the timeline too; a template
 * that does not place it (the built-in one predates it) gets a `## Timeline` section before "What Went Well",
 * so the timeline is never silently dropped.
 */
import { zonedTime } from '../evidence/release-clock.js';
import { renderEvidence, type RenderedEvidence, type TemplateSource } from '../evidence/render.js';
import type { MiniRca, TimelineEntry } from './rca.js';
import { humanDuration } from './facts.js';
import type { Clock } from '../platform/clock.js';

export interface RcaRenderOptions {
  clock: Pick<Clock, 'now'>;
  templates: TemplateSource;
  /** The rendered evidence folder, e.g. evidence/1.4.0. */
  dir: string;
  runUrl?: string;
}

const OUTCOME: Record<MiniRca['facts']['outcome'], string> = {
  promoted: 'PROMOTED',
  'rolled-back': 'ROLLED BACK',
  incomplete: 'INCOMPLETE',
};

/** `:MM` on the release clock, then the time in the plan's zone with its UTC offset. */
export function timelineLine(e: TimelineEntry, zone: string): string {
  return `${e.minute} ${zonedTime(e.at, zone)} | ${e.label} | ${e.detail}`;
}

export function timelineMarkdown(rca: MiniRca): string {
  return [
    '## Timeline',
    '',
    ...rca.timeline.map((e) => `- \`${e.minute}\` ${zonedTime(e.at, rca.zone)} **${e.label}**: ${e.detail}`),
    '',
  ].join('\n');
}

export function stageTableMarkdown(rca: MiniRca): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    '| # | Stage | Traffic | Decision | Duration | Planned | Holds | Samples | Reason |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rca.facts.stages.map(
      (r) =>
        `| ${r.number} | ${esc(r.name)} | ${esc(r.traffic)} | ${r.decision} | ${humanDuration(r.duration_s)} | ${humanDuration(r.planned_s)} | ${r.holds} | ${r.samples} | ${esc(r.reason)} |`,
    ),
  ].join('\n');
}

export function rcaView(rca: MiniRca, runUrl?: string): Record<string, unknown> {
  return {
    version: rca.version,
    service: rca.service,
    outcome: `${OUTCOME[rca.facts.outcome]} - ${rca.facts.outcomeReason}`,
    owners: rca.owners,
    went_well: rca.wentWell,
    improvements: rca.improve,
    observations: rca.observations,
    risks: rca.risks.map((r) => ({ risk: r.text, owner: r.owner, due: r.due })),
    timeline: rca.timeline.map((e) => ({ ...e, line: timelineLine(e, rca.zone) })),
    stages_table: stageTableMarkdown(rca),
    duration: humanDuration(rca.facts.duration_s),
    ...(runUrl ? { run_url: runUrl } : {}),
  };
}

export function renderRcaMarkdown(rca: MiniRca, options: RcaRenderOptions): RenderedEvidence {
  const rendered = renderEvidence('mini_rca', rcaView(rca, options.runUrl), {
    clock: options.clock,
    templates: options.templates,
    dir: options.dir,
  });
  if (options.templates('mini_rca.md.mustache').includes('timeline')) return rendered;
  const section = `${timelineMarkdown(rca)}\n${stageTableMarkdown(rca)}\n\n`;
  const anchor = rendered.content.indexOf('## What Went Well');
  const content =
    anchor >= 0
      ? rendered.content.slice(0, anchor) + section + rendered.content.slice(anchor)
      : `${rendered.content}\n${section}`;
  return { ...rendered, content };
}
