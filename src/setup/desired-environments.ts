/**
 * The GitHub environments a plan needs, as the REST API wants them. Pure: plan in, one entry per environment out.
 *
 * Which environments: every stage's `environment`, every `signoff.<name>.environment`, and every key of
 * `environments` (in that order, each once). Their settings come from `environments.<name>`; an environment the
 * plan names but does not configure gets no reviewers (GitHub then runs its job without waiting; the result says
 * so). A sign-off with a `window` (the first night) gets that window as its wait timer unless
 * `environments.<name>.wait_timer` says otherwise: the job then waits the night out before anyone can approve it.
 */
import { ConfigurationError, formatDuration, type ReleasePlan } from '../config/index.js';

/** GitHub's limits for environment protection rules. */
export const MAX_REVIEWERS = 6;
export const MAX_WAIT_TIMER_MINUTES = 43_200;

export type ReviewerRef = { type: 'User'; login: string } | { type: 'Team'; org: string; slug: string };

export interface DesiredEnvironment {
  name: string;
  /** Why the plan needs it, e.g. `stages[2].environment`. */
  usedBy: string[];
  reviewers: ReviewerRef[];
  waitTimerMinutes: number;
  preventSelfReview: boolean;
  /** Where the settings came from (the YAML path), for messages. */
  field: string;
}

export function parseReviewer(raw: string, field: string): ReviewerRef {
  const text = raw.trim().replace(/^@/, '');
  const team = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/.exec(text);
  if (team) return { type: 'Team', org: team[1]!, slug: team[2]!.toLowerCase() };
  if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(text)) return { type: 'User', login: text };
  throw new ConfigurationError(
    `${field}: "${raw}" is not a reviewer (expected a GitHub login such as jane-doe, or a team as org/team-slug)`,
  );
}

function minutesOf(seconds: number, field: string): number {
  if (seconds % 60 !== 0)
    throw new ConfigurationError(
      `${field}: ${formatDuration(seconds)} is not a whole number of minutes (GitHub wait timers are in minutes)`,
    );
  const minutes = seconds / 60;
  if (minutes > MAX_WAIT_TIMER_MINUTES)
    throw new ConfigurationError(
      `${field}: ${formatDuration(seconds)} is longer than GitHub's maximum wait timer of ${MAX_WAIT_TIMER_MINUTES} minutes (30 days)`,
    );
  return minutes;
}

export function desiredEnvironments(plan: ReleasePlan): DesiredEnvironment[] {
  const uses = new Map<string, string[]>();
  const windows = new Map<string, { seconds: number; field: string }>();
  const use = (name: string, by: string) => uses.set(name, [...(uses.get(name) ?? []), by]);
  plan.stages.forEach((s, i) => s.environment && use(s.environment, `stages[${i}].environment (${s.name})`));
  for (const [key, signoff] of Object.entries(plan.signoff)) {
    use(signoff.environment, `signoff.${key}.environment`);
    if (signoff.window !== undefined && !windows.has(signoff.environment))
      windows.set(signoff.environment, { seconds: signoff.window, field: `signoff.${key}.window` });
  }
  for (const name of Object.keys(plan.environments)) if (!uses.has(name)) use(name, `environments.${name}`);

  return [...uses.entries()].map(([name, usedBy]) => {
    const settings = plan.environments[name];
    const field = `environments.${name}`;
    const reviewers = (settings?.reviewers ?? []).map((r, i) => parseReviewer(r, `${field}.reviewers[${i}]`));
    if (reviewers.length > MAX_REVIEWERS)
      throw new ConfigurationError(
        `${field}.reviewers: ${reviewers.length} reviewers, but GitHub allows at most ${MAX_REVIEWERS} per environment (use a team)`,
      );
    const window = windows.get(name);
    const waitTimerMinutes =
      settings?.wait_timer !== undefined
        ? minutesOf(settings.wait_timer, `${field}.wait_timer`)
        : window
          ? minutesOf(window.seconds, window.field)
          : 0;
    return {
      name,
      usedBy,
      reviewers,
      waitTimerMinutes,
      preventSelfReview: settings?.prevent_self_review ?? true,
      field,
    };
  });
}
