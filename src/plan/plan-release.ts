/** The plan step of a release: load, validate, render for a version. One core function for the action and CLI. */
import {
  checkVersionForPlan,
  ConfigurationError,
  formatDuration,
  loadPlan,
  renderEvidenceDir,
  renderStages,
  renderTag,
  type ReleasePlan,
} from '../config/index.js';

export interface PlannedRelease {
  plan: ReleasePlan;
  service: string;
  tag: string;
  evidenceDir: string;
  stages: Array<ReturnType<typeof renderStages>[number] & { duration_text: string; interval_text: string }>;
}

export async function planRelease(configPath: string, version: string): Promise<PlannedRelease> {
  const plan = await loadPlan(configPath);
  // The first step of a release: a version the tag step would refuse stops the release here, not after GA.
  const bad = checkVersionForPlan(plan, version);
  if (bad) throw new ConfigurationError(`version ${bad}`);
  return {
    plan,
    service: plan.release.service,
    tag: renderTag(plan, { version }),
    evidenceDir: renderEvidenceDir(plan, { version }),
    stages: renderStages(plan).map((s) => ({
      ...s,
      duration_text: formatDuration(s.duration_s),
      interval_text: formatDuration(s.interval_s),
    })),
  };
}
