/** Rendering the plan for one release: the values every later step reads (stages, tag, evidence paths). */
import { renderTemplate, type TemplateContext } from './template.js';
import type { ReleasePlan, StageConfig, TrafficShare } from './schema.js';

export interface RenderedStage {
  index: number;
  name: string;
  traffic: TrafficShare;
  /** The stage weight as one number: the value itself, or the largest flow share. */
  weight: number;
  duration_s: number;
  interval_s: number;
  environment: string | null;
}

export function stageWeight(traffic: TrafficShare): number {
  return typeof traffic === 'number' ? traffic : Math.max(0, ...Object.values(traffic));
}

export function renderStages(plan: ReleasePlan): RenderedStage[] {
  return plan.stages.map((s: StageConfig, index) => ({
    index,
    name: s.name,
    traffic: s.traffic,
    weight: stageWeight(s.traffic),
    duration_s: s.duration,
    interval_s: s.interval,
    environment: s.environment ?? null,
  }));
}

export interface ReleaseContext extends TemplateContext {
  version: string;
}

export function renderTag(plan: ReleasePlan, ctx: ReleaseContext): string {
  return renderTemplate(plan.release.tag, { service: plan.release.service, ...ctx }, 'release.tag');
}

export function renderEvidenceDir(plan: ReleasePlan, ctx: ReleaseContext): string {
  return renderTemplate(plan.evidence.dir, { service: plan.release.service, ...ctx }, 'evidence.dir');
}

export function renderDecisionLogPath(
  plan: ReleasePlan,
  ctx: ReleaseContext & { deployment_id: string | number },
): string {
  return renderTemplate(
    plan.evidence.decisions,
    { service: plan.release.service, ...ctx },
    'evidence.decisions',
  );
}

/** A version must be safe inside a tag, a path and a branch name. */
export function checkVersion(version: string): string | undefined {
  if (!version) return 'is empty (a release version such as 1.4.0)';
  if (!/^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$/.test(version)) {
    return `${JSON.stringify(version)} is not valid (a release version of letters, digits, . _ + -, such as 1.4.0)`;
  }
  return undefined;
}
