/**
 * `signoffs` checks: every environment the plan uses as a sign-off exists on GitHub with required reviewers.
 * An environment without them lets its job run unreviewed, so a stage with `signoff: required` would be refused
 * by the stage gate once the release is under way (traffic already at an earlier stage's share); this check says
 * so before the release starts. Stages with `signoff: optional` and post-promotion sign-offs
 * (`signoff.<name>.environment`) are checked too; only required stage sign-offs fail the check, the others are
 * reported.
 *
 * GitHub offers required reviewers on public repositories on every plan, but on private and internal ones only
 * with GitHub Enterprise; an environment there has none because the plan offers none, and the message says so.
 */
import type { ReleasePlan } from '../../config/index.js';
import { getEnvironment, type Environment } from '../../github/api/index.js';
import type { CheckContext, CheckVerdict, SignoffEnvironment } from '../types.js';

/** The plan's sign-off environments, each once (names compare case-insensitively, as on GitHub). */
export function signoffEnvironments(plan: ReleasePlan): SignoffEnvironment[] {
  const found = new Map<string, SignoffEnvironment>();
  const use = (environment: string, field: string, required: boolean) => {
    const key = environment.toLowerCase();
    const seen = found.get(key);
    if (!seen) found.set(key, { environment, field, required });
    else if (required && !seen.required) found.set(key, { environment: seen.environment, field, required });
  };
  plan.stages.forEach((s, i) => {
    if (s.environment)
      use(s.environment, `stages[${i}].environment`, (s.signoff ?? 'required') === 'required');
  });
  for (const [key, s] of Object.entries(plan.signoff))
    use(s.environment, `signoff.${key}.environment`, false);
  return [...found.values()];
}

interface EnvironmentState {
  environment: string;
  field: string;
  required: boolean;
  exists: boolean;
  reviewers: string[];
}

function reviewersOf(env: Environment): string[] {
  const rules = (env.protection_rules ?? []) as Array<{
    type: string;
    reviewers?: Array<{ type?: string; reviewer?: { login?: string; slug?: string } | null }>;
  }>;
  return rules
    .filter((r) => r.type === 'required_reviewers')
    .flatMap((r) => r.reviewers ?? [])
    .map((r) => r.reviewer?.login ?? r.reviewer?.slug ?? '')
    .filter(Boolean);
}

function planNote(visibility: string | undefined): string {
  if (visibility === 'private' || visibility === 'internal')
    return `this repository is ${visibility}, and GitHub offers required reviewers on ${visibility} repositories only with GitHub Enterprise: on a Free, Pro or Team plan no reviewer can ever be required here, so no sign-off can be given`;
  if (visibility === 'public') return 'GitHub offers required reviewers on public repositories on every plan';
  return 'on a private or internal repository GitHub offers required reviewers only with GitHub Enterprise (Free, Pro and Team plans offer none there)';
}

export async function signoffsCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const wanted = ctx.options.signoffEnvironments ?? [];
  const expected = 'every sign-off environment exists on GitHub with required reviewers';
  if (wanted.length === 0)
    return {
      status: 'error',
      expected,
      observed: 'no sign-off environments',
      message:
        'the signoffs check found no environment in the plan (stages[].environment, signoff.<name>.environment); remove the check or name the environments',
    };
  const gh = ctx.deps.github;
  if (!gh)
    return {
      status: 'error',
      expected,
      observed: 'no GitHub client',
      message:
        'the signoffs check needs a token and a repository (GITHUB_TOKEN/--token and GITHUB_REPOSITORY) to read the environments',
    };
  const states: EnvironmentState[] = [];
  for (const w of wanted) {
    const env = await getEnvironment(gh.client, gh.repo, w.environment);
    states.push({ ...w, exists: env !== null, reviewers: env ? reviewersOf(env) : [] });
  }
  const unprotected = states.filter((s) => s.reviewers.length === 0);
  const blocking = unprotected.filter((s) => s.required);
  const describe = (s: EnvironmentState) =>
    `${s.environment} (${s.field}) ${s.exists ? 'has no required reviewers' : 'does not exist'}`;
  const observed = states
    .map(
      (s) =>
        `${s.environment}: ${s.exists ? (s.reviewers.length ? s.reviewers.join(', ') : 'no reviewers') : 'missing'}`,
    )
    .join('; ');
  const details = { visibility: gh.visibility ?? null, environments: states };
  if (unprotected.length === 0) return { status: 'pass', expected, observed, message: observed, details };
  const note = planNote(gh.visibility);
  if (blocking.length === 0)
    return {
      status: 'pass',
      expected,
      observed,
      message: `${unprotected.map(describe).join('; ')}: their jobs run unreviewed, which the plan allows (signoff: optional, or a sign-off after promotion); ${note}`,
      details,
    };
  return {
    status: 'fail',
    expected,
    observed,
    message: `${blocking.map(describe).join('; ')}: GitHub would run those stages' jobs without asking anyone, and the stage gate refuses a stage nobody approved (signoff: required), so the release would stop at the first of them with traffic already moved by the stages before. ${note[0]!.toUpperCase()}${note.slice(1)}. Add reviewers (canary-conductor setup-environments), or set signoff: optional on those stages to run them deliberately without a sign-off`,
    details,
  };
}
