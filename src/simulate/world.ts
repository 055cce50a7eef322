/**
 * The world a simulated release runs in, set up once and closed at the end: everything a real release reaches
 * outside is a stand-in started here on 127.0.0.1 or in the simulation's own folder.
 *   - the release repository: real git, the previous tag and the release commit (workspace.ts); it is also the
 *     evidence remote and the `origin` the release tag is pushed to, as the repository itself is on GitHub;
 *   - GitHub: the contract-checked GitHub emulator (src/github-emulator) seeded with the scenario's pull
 *     requests and issues and the plan's environments, keeping the virtual clock's time;
 *   - the service (health, blast radius, feature flags) and Alertmanager: local counterparts behind the
 *     simulation's fetch (fetch-router.ts); the metrics: a synthetic source per stage (no Prometheus);
 *   - the plan's commands: rehearsed (shown, not run) unless `runCommands`.
 * Nothing here decides anything: the step functions the actions call do, with these as their dependencies.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { nextAllowed } from '../calendar/index.js';
import { ConfigurationError, renderEvidenceDir, renderTag, type ReleasePlan } from '../config/index.js';
import { createAlertmanagerClient, type AlertmanagerClient } from '../alertmanager/client.js';
import { createTemplateSource, type TemplateSource } from '../evidence/render.js';
import type { VirtualClock } from '../platform/clock.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import {
  startGitHubEmulator,
  type EmulatorSeed,
  type GitHubEmulator,
  type SeedEnvironment,
} from '../github-emulator/index.js';
import { PREFLIGHT_ROUTES } from '../github-emulator/preflight-routes.js';
import { RULESET_ROUTES } from '../github-emulator/ruleset-routes.js';
import { calendarConfigFromPlan } from '../preflight/checks/calendar.js';
import type { EvidenceTarget } from '../stage-gate/evidence-target.js';
import { decisionLogPath } from '../evidence/paths.js';
import type { CommandRunner } from '../platform/command.js';
import type { TrafficProvider } from '../traffic/types.js';
import { simulationCommandRunner, type SimulatedCommand } from './commands.js';
import { createSimulationFetch, describeRoute, originOf, type Route } from './fetch-router.js';
import { startLocalAlertmanager, type LocalAlertmanager } from './local-alertmanager.js';
import { createLocalService, type LocalService } from './local-service.js';
import { simulatedIssues, simulatedPulls } from './pull-set.js';
import { simulationTrafficProvider } from './traffic.js';
import { createWorkspace, WORKSPACE_CHANGES, type Workspace } from './workspace.js';

/** The reference instant the default start is searched from: a Monday, 09:00 in Istanbul. Fixed, so runs repeat. */
export const REFERENCE_START = new Date('2026-11-16T06:00:00Z');
/** Marks a folder as written by `simulate`, so a re-run may replace it and nothing else is ever deleted. */
export const OUT_MARKER = '.canary-simulation';
export const SIM_REPOSITORY = { owner: 'simulated', repo: 'release' };
/** The simulated workflow run: its approvals are the rehearsed sign-offs, its id the decision log's. */
export const SIM_RUN_ID = 1;
export const SIM_ACTOR = 'canary-conductor-simulate';

export interface World {
  plan: ReleasePlan;
  version: string;
  tag: string;
  clock: VirtualClock;
  t0: Date;
  outDir: string;
  repoDir: string;
  /** Where the browsable checkout of the evidence branch goes at the end. */
  checkoutDir: string;
  workspace: Workspace;
  evidenceDir: string;
  deploymentId: string;
  decisionLog: string;
  templates: TemplateSource;
  /** The evidence remote every step pushes to: the release repository. */
  evidence: EvidenceTarget;
  github: GitHubEmulator;
  client: GitHubClient;
  repo: { owner: string; repo: string };
  fetch: typeof globalThis.fetch;
  routes: Route[];
  alertmanager: (url: string) => AlertmanagerClient;
  runner: CommandRunner;
  /** The plan commands the runner was asked for, run or rehearsed. */
  commands: SimulatedCommand[];
  traffic: TrafficProvider | null;
  env: NodeJS.ProcessEnv;
  runCommands: boolean;
  close(): Promise<void>;
}

export interface WorldOptions {
  plan: ReleasePlan;
  planText: string;
  version: string;
  outDir: string;
  deploymentId: string;
  t0: Date;
  clock: VirtualClock;
  runCommands: boolean;
  env: NodeJS.ProcessEnv;
  warn: (line: string) => void;
}

export async function prepareOutDir(outDir: string): Promise<void> {
  if (existsSync(outDir)) {
    const entries = await readdir(outDir);
    if (entries.length > 0 && !entries.includes(OUT_MARKER)) {
      throw new ConfigurationError(
        `--out: ${outDir} is not empty and was not written by simulate (expected a new or empty folder, or one a previous simulate wrote)`,
      );
    }
    // Only a folder simulate wrote itself (it holds the marker) is replaced.
    for (const e of entries) await rm(path.join(outDir, e), { recursive: true, force: true });
  }
  await mkdir(outDir, { recursive: true });
  await writeFile(
    path.join(outDir, OUT_MARKER),
    'Written by canary-conductor simulate; a re-run replaces this folder.\n',
  );
}

/** The start of stage 1: `at`, or the first instant the plan's calendar allows this change set after REFERENCE_START. */
export function simulationStart(plan: ReleasePlan, changed: string[], at?: Date): Date {
  if (at) return at;
  if (!plan.calendar) return REFERENCE_START;
  const found = nextAllowed(REFERENCE_START, { paths: changed }, calendarConfigFromPlan(plan.calendar), {
    stepMinutes: 5,
    limitDays: 60,
  });
  if (!found)
    throw new ConfigurationError(
      'calendar: the plan allows no release within 60 days of the simulation reference date (give --at)',
    );
  return found;
}

/** 1.4.0 -> 1.3.0; anything else -> <version>-previous. */
export function previousVersionOf(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) return `${version}-previous`;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (minor > 0) return `${major}.${minor - 1}.${patch}`;
  if (patch > 0) return `${major}.${minor}.${patch - 1}`;
  return major > 0 ? `${major - 1}.0.0` : `${version}-previous`;
}

function routesFor(plan: ReleasePlan, service: LocalService, alertmanager: LocalAlertmanager): Route[] {
  const routes = new Map<string, Route>();
  const add = (url: string | undefined, route: Omit<Route, 'from'>) => {
    if (!url) return;
    const from = originOf(url);
    if (!routes.has(from)) routes.set(from, { from, ...route });
  };
  const standIn = {
    role: 'stand-in service (health, blast radius, feature flags)',
    handle: (r: Request) => service.handle(r),
  };
  for (const c of plan.preflight) add(c.http?.url, standIn);
  add(plan.traffic?.http?.url, standIn);
  add(plan.traffic?.http?.read_back, standIn);
  add(plan.rollback.silence?.alertmanager, { role: 'simulated Alertmanager', to: alertmanager.url });
  add(plan.promote?.silence?.alertmanager, { role: 'simulated Alertmanager', to: alertmanager.url });
  return [...routes.values()];
}

/**
 * The plan's environments as GitHub holds them once setup-environments ran: a reviewer `org/team` is a team,
 * any other a user.
 */
function environmentSeed(plan: ReleasePlan): Pick<EmulatorSeed, 'environments' | 'teams'> {
  const teams = new Set<string>();
  const environments: SeedEnvironment[] = Object.entries(plan.environments).map(([name, settings]) => ({
    name,
    reviewers: settings.reviewers.map((r) => {
      if (!r.includes('/')) return { type: 'User' as const, login: r };
      const slug = r.split('/')[1]!;
      teams.add(slug);
      return { type: 'Team' as const, slug };
    }),
  }));
  return { environments, teams: [...teams].map((slug) => ({ slug })) };
}

/**
 * The GitHub emulator as the simulated repository's GitHub: the scenario's pull requests and issues, the plan's
 * environments, the routes the preflight and the freeze's merge block read, and the virtual clock's time.
 */
export function startSimulatedGithub(plan: ReleasePlan, clock: VirtualClock): Promise<GitHubEmulator> {
  const realStart = performance.now();
  return startGitHubEmulator({
    seed: {
      ...SIM_REPOSITORY,
      pulls: simulatedPulls(),
      issues: simulatedIssues(),
      ...environmentSeed(plan),
      // The rehearsal's own workflow run: known to GitHub, reviewed as each stage is approved.
      runApprovals: { [SIM_RUN_ID]: [] },
    },
    extraRoutes: [...PREFLIGHT_ROUTES, ...RULESET_ROUTES],
    // The emulated GitHub keeps the virtual time, so what it stamps is the same for the same seed.
    clock: {
      scale: 1,
      now: () => clock.now().getTime(),
      realElapsed: () => performance.now() - realStart,
    },
  });
}

export async function startWorld(options: WorldOptions): Promise<World> {
  const { plan, version, clock } = options;
  const outDir = path.resolve(options.outDir);
  const repoDir = path.join(outDir, 'repo');
  await prepareOutDir(outDir);
  const previousVersion = previousVersionOf(version);
  const workspace = await createWorkspace({
    dir: repoDir,
    planText: options.planText,
    service: plan.release.service,
    version,
    previousVersion,
    previousTag: renderTag(plan, { version: previousVersion }),
    t0: options.t0,
  });
  if (workspace.changed.join('\n') !== [...WORKSPACE_CHANGES].sort().join('\n')) {
    throw new Error(
      `simulated repository: the release changed ${workspace.changed.join(', ')}, but the calendar was asked about ${WORKSPACE_CHANGES.join(', ')}`,
    );
  }
  const templates = createTemplateSource(
    plan.evidence.templates ? { overrideDir: path.resolve(repoDir, plan.evidence.templates) } : {},
  );

  const service = createLocalService({ service: plan.release.service, version });
  const alertmanager = await startLocalAlertmanager(clock);
  const github = await startSimulatedGithub(plan, clock);
  const routes = routesFor(plan, service, alertmanager);
  const fetch = createSimulationFetch(routes);
  const client = createGitHubClient({
    token: 'simulation-local-token',
    baseUrl: github.url,
    dryRun: false,
    log: { info: () => undefined, warn: (m) => options.warn(`github: ${m}`), debug: () => undefined },
    // The emulated GitHub keeps virtual time: the client's write spacing must not cost real seconds.
    clockScale: 1000,
    maskSecret: () => undefined,
  });
  const commands: SimulatedCommand[] = [];
  const runner = simulationCommandRunner(options.env, commands, { runCommands: options.runCommands });
  return {
    plan,
    version,
    tag: renderTag(plan, { version }),
    clock,
    t0: options.t0,
    outDir,
    repoDir,
    checkoutDir: path.join(outDir, 'evidence'),
    workspace,
    evidenceDir: renderEvidenceDir(plan, { version }),
    deploymentId: options.deploymentId,
    decisionLog: decisionLogPath(plan, version, options.deploymentId),
    templates,
    evidence: { remote: repoDir, templates },
    github,
    client,
    repo: SIM_REPOSITORY,
    fetch,
    routes,
    alertmanager: (url) => createAlertmanagerClient({ url, fetch }),
    runner,
    commands,
    traffic: simulationTrafficProvider(plan.traffic, { fetch, cwd: repoDir, runner, env: options.env }),
    env: options.env,
    runCommands: options.runCommands,
    close: async () => {
      await Promise.all([alertmanager.close(), github.close()]);
    },
  };
}

export function describeWorld(world: World): string[] {
  return [
    ...world.routes.map((r) => `  ${describeRoute(r)}`),
    `  GitHub -> the GitHub emulator on ${world.github.url} (${simulatedPulls().length} open pull requests, ${simulatedIssues().length} issues)`,
  ];
}
