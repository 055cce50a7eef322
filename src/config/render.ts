/** Rendering the plan for one release: the values every later step reads (stages, tag, evidence paths). */
import { tagNameProblem } from './ref-name.js';
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

const VERSION_EXPECTED = 'a release version of letters, digits, . _ + -, such as 1.4.0 or 1.4.0-rc.1';

/**
 * A version must be safe inside a path, a branch name and a tag: letters, digits and . _ + -, starting with a
 * letter or digit, at most 64 characters, and none of the sequences git refuses in a ref (`..`, a trailing `.`,
 * `.lock` at the end). Whether the plan's tag template makes a valid tag of it is checkVersionForPlan's part.
 */
export function checkVersion(version: string): string | undefined {
  if (!version) return 'is empty (a release version such as 1.4.0)';
  if (!/^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$/.test(version)) {
    return `${JSON.stringify(version)} is not valid (${VERSION_EXPECTED})`;
  }
  if (version.includes('..') || version.endsWith('.') || version.endsWith('.lock')) {
    return `${JSON.stringify(version)} is not valid (${VERSION_EXPECTED}; no "..", and no "." or ".lock" at the end, which git refuses in a tag)`;
  }
  return undefined;
}

/** The version grammar for one plan: checkVersion, and the tag `release.tag` renders from it is a valid git tag. */
export function checkVersionForPlan(plan: ReleasePlan, version: string): string | undefined {
  const bad = checkVersion(version);
  if (bad) return bad;
  let tag: string;
  try {
    tag = renderTag(plan, { version });
  } catch (e) {
    return `cannot be tagged: ${(e as Error).message}`;
  }
  const problem = tagNameProblem(tag);
  return problem
    ? `${JSON.stringify(version)} renders release.tag ${JSON.stringify(plan.release.tag)} to ${JSON.stringify(tag)}, which is not a valid git tag (it ${problem})`
    : undefined;
}
