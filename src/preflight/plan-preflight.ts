/**
 * The one core function the CLI and the action call: load the plan, build the real dependencies (fetch, child
 * processes, git in the repository directory, the plan's metric source, GitHub when a token is given), run the checks, and
 * render preflight.txt. Everything a caller may override is an input here, so the simulation can call the same
 * function with local counterparts.
 */
import { loadPlan, renderEvidenceDir, type ReleasePlan } from '../config/index.js';
import { createGitHubClient, type GitHubLog } from '../github/client.js';
import { parseRepository } from '../github/api/repo.js';
import { createMetricSource } from '../metrics/registry.js';
import type { MetricSource } from '../metrics/source.js';
import path from 'node:path';
import { createTemplateSource, type RenderedEvidence } from '../evidence/render.js';
import { createCommandRunner } from '../platform/command.js';
import { createGitReader } from './git.js';
import { renderPreflightEvidence } from './report.js';
import { runPreflight } from './runner.js';
import { signoffEnvironments } from './checks/signoffs.js';
import { maskSecrets } from '../secrets/masker.js';
import { registerPlanSecrets } from '../secrets/plan-secrets.js';
import type { GitHubTarget, PreflightDeps, PreflightReport } from './types.js';
import type { Clock } from '../platform/clock.js';

export interface PlanPreflightInput {
  /** A plan file path, or a plan already loaded. */
  plan: string | ReleasePlan;
  version: string;
  at?: Date;
  /** Overrides the metric source's URL (`--metrics-url`; see createMetricSource for the env fallbacks). */
  metricsUrl?: string;
  /** The git repository schema_diff, github and calendar read (default cwd). */
  repoDir?: string;
  previousTag?: string;
  missingCommand?: 'error' | 'simulate';
  /** Report every `run` command as simulated instead of starting it (see PreflightOptions.rehearseCommands). */
  rehearseCommands?: boolean;
  /** Read-only GitHub access; without it a `github` check is an error. */
  github?: {
    token: string;
    repository: string;
    apiUrl?: string;
    sha?: string;
    log?: GitHubLog;
    /** The repository's visibility (public, private, internal), for what the signoffs check says. */
    visibility?: string;
  };
  env?: NodeJS.ProcessEnv;
  clock?: Pick<Clock, 'now'>;
  fetch?: typeof fetch;
  runUrl?: string;
  /** Overrides for any dependency (the simulation passes local counterparts). */
  deps?: Partial<PreflightDeps>;
}

export interface PlanPreflightResult {
  report: PreflightReport;
  evidence: RenderedEvidence;
}

const QUIET_LOG: GitHubLog = { info: () => undefined, warn: () => undefined };

export async function runPlanPreflight(input: PlanPreflightInput): Promise<PlanPreflightResult> {
  const env = input.env ?? process.env;
  const plan = typeof input.plan === 'string' ? await loadPlan(input.plan, env) : input.plan;
  // A plan handed over as an object (the simulation) has not passed the loader: register its secrets here.
  registerPlanSecrets(plan, env);
  const repoDir = input.repoDir ?? process.cwd();
  const clock = input.clock ?? { now: () => new Date() };
  const git = input.deps?.git ?? createGitReader(repoDir);

  let source: MetricSource | undefined;
  // Built on first use, so a plan without query checks never needs its metric source to answer.
  const metrics = () =>
    (source ??= createMetricSource(plan.metrics, {
      env,
      ...(input.metricsUrl ? { url: input.metricsUrl } : {}),
    }));

  let github: GitHubTarget | undefined;
  if (input.github?.token) {
    const client = createGitHubClient({
      token: input.github.token,
      ...(input.github.apiUrl ? { baseUrl: input.github.apiUrl } : {}),
      dryRun: true, // preflight only reads
      log: input.github.log ?? QUIET_LOG,
    });
    github = {
      client,
      repo: parseRepository(input.github.repository, 'repository'),
      sha: input.github.sha || (await git.head()),
      ...(input.github.visibility ? { visibility: input.github.visibility } : {}),
    };
  }

  const deps: PreflightDeps = {
    fetch: input.fetch ?? globalThis.fetch,
    exec: createCommandRunner(),
    git,
    clock,
    metrics,
    env,
    ...(github ? { github } : {}),
    ...input.deps,
  };
  const report = await runPreflight(plan.preflight, deps, {
    version: input.version,
    service: plan.release.service,
    cwd: repoDir,
    ...(input.at ? { at: input.at } : {}),
    ...(input.previousTag ? { previousTag: input.previousTag } : {}),
    missingCommand: input.missingCommand ?? 'error',
    ...(input.rehearseCommands ? { rehearseCommands: true } : {}),
    ...(plan.calendar ? { calendar: plan.calendar } : {}),
    ...(plan.freeze?.base_branches ? { baseBranches: plan.freeze.base_branches } : {}),
    signoffEnvironments: signoffEnvironments(plan),
    secrets: input.github?.token ? [input.github.token] : [],
  });
  const evidence = renderPreflightEvidence(report, {
    version: input.version,
    dir: renderEvidenceDir(plan, { version: input.version }),
    clock,
    ...(input.runUrl ? { run_url: input.runUrl } : {}),
    ...(plan.evidence.templates
      ? { templates: createTemplateSource({ overrideDir: path.resolve(repoDir, plan.evidence.templates) }) }
      : {}),
  });
  // preflight.txt is written by callers (the action, the CLI --out) as well as pushed: mask it at the source.
  return { report, evidence: { ...evidence, content: maskSecrets(evidence.content) } };
}
