/**
 * Rendering a metric's PromQL for one track: `{{track}}` becomes the plan's label value for that track
 * (canary -> metrics.tracks.canary, baseline -> metrics.tracks.baseline); the other placeholders come from the
 * run (version, stage, weight, service, ...); `{{time}}` stays for the source to render at each read. A placeholder
 * without a value is a ConfigurationError naming it.
 */
import {
  ConfigurationError,
  renderTemplate,
  stageWeight,
  type ReleasePlan,
  type StageConfig,
  type TemplateContext,
} from '../config/index.js';
import { TIME_PLACEHOLDER, type Track } from '../metrics/source.js';

export interface QueryContext extends TemplateContext {
  version?: string;
}

export function trackLabelValue(plan: ReleasePlan, track: Track): string {
  return track === 'canary' ? plan.metrics.tracks.canary : plan.metrics.tracks.baseline;
}

export function stageContext(plan: ReleasePlan, stage: StageConfig, version?: string): QueryContext {
  return {
    service: plan.release.service,
    stage: stage.name,
    weight: stageWeight(stage.traffic),
    ...(stage.environment ? { environment: stage.environment } : {}),
    ...(version ? { version } : {}),
  };
}

function definition(plan: ReleasePlan, metric: string) {
  const def = plan.metrics.queries[metric];
  if (!def) {
    throw new ConfigurationError(
      `metrics.queries: no query named "${metric}" (one of: ${Object.keys(plan.metrics.queries).join(', ')})`,
    );
  }
  return def;
}

export function renderQuery(
  plan: ReleasePlan,
  metric: string,
  track: Track,
  context: QueryContext = {},
): string {
  return renderTemplate(
    definition(plan, metric).query,
    { ...context, track: trackLabelValue(plan, track), time: TIME_PLACEHOLDER },
    `metrics.queries.${metric}.query`,
  );
}

/** The counts behind a ratio (`counts: { events, total }`), rendered for one track; undefined if not declared. */
export function renderCountsQueries(
  plan: ReleasePlan,
  metric: string,
  track: Track,
  context: QueryContext = {},
): { events: string; total: string } | undefined {
  const counts = definition(plan, metric).counts;
  if (!counts) return undefined;
  const ctx = { ...context, track: trackLabelValue(plan, track), time: TIME_PLACEHOLDER };
  return {
    events: renderTemplate(counts.events, ctx, `metrics.queries.${metric}.counts.events`),
    total: renderTemplate(counts.total, ctx, `metrics.queries.${metric}.counts.total`),
  };
}
