/**
 * `simulateRelease`: a whole release on the real code path, without a cluster, a Prometheus or GitHub.
 * The order is the workflow's: freeze start (T-30) -> preflight (T-10) -> every stage on the synthetic
 * metric source with a virtual clock (traffic set, gate, evidence, decision log) -> rollback or promote ->
 * release tag -> mini-RCA and report -> freeze end.
 *
 * Everything that reaches outside in a real release reaches a counterpart the simulation started itself on
 * 127.0.0.1 (local-service, local-alertmanager, local-github) or the simulation's own git repository
 * (workspace.ts); the freeze, preflight, gate, traffic, rollback, evidence and RCA code is the production code,
 * called with those dependencies. Time is virtual: the release starts at the first moment the plan's calendar
 * allows after a fixed reference instant (or `at`), and every timestamp, commit date and tag date comes from
 * the virtual clock, so the same seed writes the same evidence.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { nextAllowed } from '../calendar/index.js';
import {
  ConfigurationError,
  checkVersion,
  formatDuration,
  getErrorMessage,
  renderEvidenceDir,
  renderTag,
  type ReleasePlan,
} from '../config/index.js';
import { createAlertmanagerClient } from '../alertmanager/client.js';
import { decisionLogChange } from '../evidence/record-decision.js';
import { readDecisionLog, type DecisionInput, type DecisionRecord } from '../evidence/decision-log.js';
import { evidenceCommitMessage, pushEvidence, type EvidenceChange } from '../evidence/push.js';
import { createTemplateSource, renderEvidence } from '../evidence/render.js';
import { calendarConfigFromPlan } from '../preflight/checks/calendar.js';
import type { FreezeEvidenceWriter } from '../freeze/evidence.js';
import { endFreeze } from '../freeze/end.js';
import { createWritePacer } from '../freeze/pacer.js';
import type { FreezeRunContext } from '../freeze/run-context.js';
import { nextWindowText } from '../freeze/run.js';
import { startFreeze } from '../freeze/start.js';
import { gitStateReader } from '../freeze/state-store.js';
import { virtualClock, type VirtualClock, type Clock } from '../platform/clock.js';
import { runStage } from '../gate/stage-run.js';
import type { Decision, SampleRecord, StageResult } from '../gate/types.js';
import { createGitHubClient, type GitHubClient } from '../github/client.js';
import { SyntheticSource, type MetricProfile } from '../metrics/synthetic.js';
import type { MetricSource } from '../metrics/source.js';
import { preflightEvidenceView, STATUS_MARK } from '../preflight/report.js';
import { runPlanPreflight } from '../preflight/plan-preflight.js';
import type { PreflightReport } from '../preflight/types.js';
import { deriveRca } from '../rca/rca.js';
import { renderRcaMarkdown } from '../rca/markdown.js';
import { renderReportHtml } from '../rca/report.js';
import { humanDuration } from '../rca/facts.js';
import { runRollback, type RollbackResult } from '../rollback/run-rollback.js';
import { decisionLogPath } from '../stage-gate/evidence-target.js';
import { promoteRelease } from '../stage-gate/promote.js';
import { stageEvidenceChanges } from '../stage-gate/stage-evidence.js';
import { resolveStage } from '../stage-gate/stage-ref.js';
import { timelineChange } from '../stage-gate/timeline.js';
import { shareOf, formatShare } from '../traffic/types.js';
import { simulationCommandRunner, type SimulatedCommand } from './commands.js';
import { createSimulationFetch, describeRoute, originOf, type Route } from './fetch-router.js';
import { startLocalAlertmanager, type LocalAlertmanager } from './local-alertmanager.js';
import { startLocalGithub, type LocalGithub } from './local-github.js';
import { rehearseSignoff } from './rehearse-signoff.js';
import { createLocalService, type LocalService } from './local-service.js';
import { deriveProfiles } from './profiles.js';
import { simulatedIssues, simulatedPulls } from './pull-set.js';
import { onsetStageFor, scenarioNamed, type Scenario, type ScenarioName } from './scenarios.js';
import { simulationTrafficProvider } from './traffic.js';
import { createWorkspace, git, tagRelease, WORKSPACE_CHANGES } from './workspace.js';

/** The reference instant the default start is searched from: a Monday, 09:00 in Istanbul. Fixed, so runs repeat. */
export const REFERENCE_START = new Date('2026-11-16T06:00:00Z');
export const DEFAULT_VERSION = '1.4.0';
export const DEFAULT_SEED = 42;
/** Marks a folder as written by `simulate`, so a re-run may replace it and nothing else is ever deleted. */
export const OUT_MARKER = '.canary-simulation';
const SIM_REPOSITORY = { owner: 'simulated', repo: 'release' };
/** The simulated workflow run whose approvals the rehearsed sign-offs are. */
const SIM_RUN_ID = 1;
const MINUTE = 60_000;

export type SimulationOutcome = 'promoted' | 'rolled_back' | 'review' | 'preflight_failed';

export interface SimulationProgress {
  phase: 'setup' | 'freeze' | 'preflight' | 'stage' | 'rollback' | 'promote' | 'rca' | 'freeze-end' | 'done';
  /** 1-based stage number while a stage runs. */
  stage?: number;
  stages: number;
  /** The virtual time. */
  at: Date;
  sample?: SampleRecord;
}

export interface SimulateOptions {
  plan: ReleasePlan;
  /** The plan's text, committed into the simulated repository as `.github/canary.yml`. */
  planText: string;
  scenario: ScenarioName;
  seed: number;
  outDir: string;
  version?: string;
  /** Start of stage 1 (T0); default the first instant the calendar allows after REFERENCE_START. */
  at?: Date;
  /**
   * Run the plan's commands (preflight `run` checks, `rollback.run`) for real (`--run-commands`). Default false:
   * a rehearsal, where each is shown as SIMULATED with the exact command and none is started.
   */
  runCommands?: boolean;
  onLine?: (line: string) => void;
  onProgress?: (progress: SimulationProgress) => void;
  env?: NodeJS.ProcessEnv;
}

export interface SimulationResult {
  outcome: SimulationOutcome;
  /** The stage that decided the outcome (the rollback's or review's stage; the last one when promoted). */
  stage?: { number: number; name: string; decision: Decision };
  scenario: ScenarioName;
  seed: number;
  version: string;
  tag: string | null;
  startedAt: string;
  endedAt: string;
  /** The simulated repository: `main`, the tags and the evidence branch. */
  repository: string;
  /** A checkout of the evidence branch (a git worktree of the repository). */
  evidenceCheckout: string;
  evidenceBranch: string;
  /** e.g. evidence/1.4.0 */
  evidenceDir: string;
  decisionLog: string;
  reportPath: string | null;
  rcaPath: string | null;
  preflight: { summary: string; simulated: string[] };
  stages: StageResult[];
  rollback: RollbackResult | null;
  lines: string[];
}

async function prepareOutDir(outDir: string): Promise<void> {
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

/** Values for the preflight's `promql` checks: healthy means inside each check's bounds, from the synthetic source. */
function preflightProfiles(plan: ReleasePlan): MetricProfile[] {
  return plan.preflight.flatMap((c): MetricProfile[] => {
    if (!c.promql) return [];
    const { min, max } = c.promql.expect;
    if (min !== undefined && max !== undefined) {
      const healthy = (min + max) / 2;
      return [
        {
          metric: c.name,
          healthy,
          noise: 0,
          worseDirection: 'up',
          breachValue: max + Math.max(1, Math.abs(max)),
        },
      ];
    }
    if (max !== undefined) {
      const healthy = max > 0 ? max / 2 : max === 0 ? 0 : max * 2;
      return [
        {
          metric: c.name,
          healthy,
          noise: 0,
          worseDirection: 'up',
          breachValue: max + Math.max(1, Math.abs(max)),
        },
      ];
    }
    if (min !== undefined) {
      const healthy = min > 0 ? min * 2 : min + 1;
      return [
        {
          metric: c.name,
          healthy,
          noise: 0,
          worseDirection: 'down',
          breachValue: min - Math.max(1, Math.abs(min)),
        },
      ];
    }
    return [{ metric: c.name, healthy: 1, noise: 0, worseDirection: 'up', breachValue: 2 }];
  });
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

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export async function simulateRelease(options: SimulateOptions): Promise<SimulationResult> {
  const { plan } = options;
  const scenario: Scenario = scenarioNamed(options.scenario);
  const version = options.version ?? DEFAULT_VERSION;
  const versionProblem = checkVersion(version);
  if (versionProblem) throw new ConfigurationError(`--version: ${versionProblem}`);
  if (!Number.isInteger(options.seed) || options.seed < 0)
    throw new ConfigurationError(`--seed: expected a whole number >= 0, got ${options.seed}`);
  const env = options.env ?? process.env;
  const runCommands = options.runCommands === true;
  const outDir = path.resolve(options.outDir);
  const repoDir = path.join(outDir, 'repo');
  const checkoutDir = path.join(outDir, 'evidence');
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    options.onLine?.(line);
  };

  const t0 = simulationStart(plan, WORKSPACE_CHANGES, options.at);
  const clock: VirtualClock = virtualClock(new Date(t0.getTime() - 30 * MINUTE));
  const progress = (p: Omit<SimulationProgress, 'stages' | 'at'>) =>
    options.onProgress?.({ ...p, stages: plan.stages.length, at: clock.now() });
  const zone = plan.release.timezone;
  const local = (d: Date) => {
    try {
      return `${d.toLocaleString('sv-SE', { timeZone: zone }).slice(0, 16)} ${zone}`;
    } catch {
      return d.toISOString();
    }
  };
  const mark = (label: string) => `[${pad(label, 5)}]`;
  const tMinus = (d: Date) => {
    const m = Math.round((d.getTime() - t0.getTime()) / MINUTE);
    return m < 0 ? `T${m}` : `T+${m}`;
  };

  progress({ phase: 'setup' });
  await prepareOutDir(outDir);
  const tag = renderTag(plan, { version });
  const previousVersion = previousVersionOf(version);
  const workspace = await createWorkspace({
    dir: repoDir,
    planText: options.planText,
    service: plan.release.service,
    version,
    previousVersion,
    previousTag: renderTag(plan, { version: previousVersion }),
    t0,
  });
  if (workspace.changed.join('\n') !== [...WORKSPACE_CHANGES].sort().join('\n')) {
    throw new Error(
      `simulated repository: the release changed ${workspace.changed.join(', ')}, but the calendar was asked about ${WORKSPACE_CHANGES.join(', ')}`,
    );
  }
  const evidenceDir = renderEvidenceDir(plan, { version });
  const deploymentId = `simulated-${scenario.name}-seed${options.seed}`;
  const decisionLog = decisionLogPath(plan, version, deploymentId);
  const branch = plan.evidence.branch;
  const templates = createTemplateSource(
    plan.evidence.templates ? { overrideDir: path.resolve(repoDir, plan.evidence.templates) } : {},
  );

  say(
    `canary-conductor simulate: ${plan.release.service} ${tag}, scenario ${scenario.name} (${scenario.description}), seed ${options.seed}`,
  );
  say(
    `  virtual clock: T0 = ${t0.toISOString()} (${local(t0)})${options.at ? ' (--at)' : ", the first moment the plan's calendar allows this change set"}`,
  );
  say(
    `  simulated repository: ${repoDir} (${workspace.previousTag} -> ${workspace.head.slice(0, 12)}; changed: ${workspace.changed.join(', ')})`,
  );

  // Counterparts on 127.0.0.1, started for this run and closed at its end.
  const service = createLocalService({ service: plan.release.service, version });
  const alertmanager = await startLocalAlertmanager(clock);
  const github: LocalGithub = await startLocalGithub({
    ...SIM_REPOSITORY,
    environments: plan.environments,
    pulls: simulatedPulls(),
    issues: simulatedIssues(),
    clock,
  });
  try {
    const routes = routesFor(plan, service, alertmanager);
    const simFetch = createSimulationFetch(routes);
    for (const r of routes) say(`  ${describeRoute(r)}`);
    say(
      `  GitHub -> simulated GitHub API on ${github.url} (${simulatedPulls().length} open pull requests, ${simulatedIssues().length} issues)`,
    );
    const client: GitHubClient = createGitHubClient({
      token: 'simulation-local-token',
      baseUrl: github.url,
      dryRun: false,
      log: { info: () => undefined, warn: (m) => say(`  github: ${m}`), debug: () => undefined },
      // The simulated GitHub keeps virtual time: the client's write spacing must not cost real seconds.
      clockScale: 1000,
      maskSecret: () => undefined,
    });
    const repoRef = SIM_REPOSITORY;

    // ---- evidence plumbing: real git, commit dates from the virtual clock ----
    const push = async (files: EvidenceChange[], stage: string, summary: string) =>
      pushEvidence({
        remote: repoDir,
        branch,
        files,
        message: evidenceCommitMessage({ release: tag, stage, runUrl: null, summary }),
        clock,
      });
    type RecordInput = Omit<DecisionInput, 'version' | 'deployment_id' | 'start_timestamp'> & {
      start?: Date;
    };
    const toInput = ({ start, ...rest }: RecordInput): DecisionInput => ({
      version,
      deployment_id: deploymentId,
      start_timestamp: (start ?? clock.now()).toISOString(),
      run_url: null,
      ...rest,
    });
    /** One change to the decision log appending each record in order (one file may appear once per push). */
    const record = (...inputs: RecordInput[]): EvidenceChange => {
      const changes = inputs.map(
        (i) =>
          decisionLogChange(decisionLog, toInput(i), clock) as Extract<EvidenceChange, { update: unknown }>,
      );
      return {
        path: changes[0]!.path,
        kind: 'decision-log',
        update: (current, workspace) =>
          changes.reduce<string | null>((text, c) => c.update(text, workspace), current) ?? '',
      };
    };
    /** A timeline entry through the stage-gate's own writer: labelled `T<minutes since T0>` as in a real release. */
    const timeline = (lines: string[]): EvidenceChange =>
      timelineChange({ version, at: clock.now(), lines }, { templates, dir: evidenceDir });
    const writer: FreezeEvidenceWriter = {
      target: `${branch} in ${repoDir}`,
      async write(files, message) {
        const r = await pushEvidence({
          remote: repoDir,
          branch,
          files: files.map((f) => ({ path: f.path, content: f.content })),
          message,
          clock,
        });
        return { changed: r.changed, commit: r.commit };
      },
    };
    const stateReader = gitStateReader({ remote: repoDir, branch });
    const freezeCtx = (): FreezeRunContext | null =>
      plan.freeze
        ? {
            github: client,
            repo: repoRef,
            freeze: plan.freeze,
            pacer: createWritePacer({ clock }),
            clock,
            actor: 'canary-conductor simulate',
            runUrl: '',
            log: () => undefined,
          }
        : null;
    const evidenceContext = { templates, evidenceDir, service: plan.release.service, runUrl: '' };

    // ---- T-30: freeze ----
    progress({ phase: 'freeze' });
    const fctx = freezeCtx();
    if (fctx) {
      const started = await startFreeze(fctx, {
        version,
        release: tag,
        service: plan.release.service,
        stateReader,
        evidence: writer,
        evidenceContext,
        nextWindow: (s) => nextWindowText(plan, s),
      });
      const held = started.pulls.filter((p) => p.class === 'held');
      say(
        `${mark(tMinus(clock.now()))} FREEZE start: ${held.length} of ${started.pulls.length} open PRs on hold (label ${plan.freeze!.label}, status ${plan.freeze!.status_check}=failure), ${started.pulls.length - held.length} allowed`,
      );
      for (const p of started.pulls)
        say(
          `        #${p.number} ${p.class === 'held' ? (p.blocked ? 'HELD (blocked)' : 'HELD') : 'allowed'}: ${p.title} - ${p.reason}`,
        );
    } else {
      say(`${mark(tMinus(clock.now()))} FREEZE: the plan has no freeze section; no pull request is held`);
    }

    // ---- T-10: preflight ----
    clock.advanceTo(new Date(t0.getTime() - 10 * MINUTE));
    progress({ phase: 'preflight' });
    const preflightSource = preflightProfiles(plan).length
      ? new SyntheticSource({
          scenario: 'healthy',
          profiles: preflightProfiles(plan),
          startAt: clock.now(),
          onsetAt: 0,
          seed: options.seed,
        })
      : undefined;
    const { report } = await runPlanPreflight({
      plan,
      version,
      at: t0,
      repoDir,
      // Asked to run commands, one that cannot run fails the preflight as in a release; else none is started.
      missingCommand: runCommands ? 'error' : 'simulate',
      rehearseCommands: !runCommands,
      clock,
      fetch: simFetch,
      env,
      deps: {
        ...(preflightSource ? { metrics: () => preflightSource } : {}),
        github: { client, repo: repoRef, sha: workspace.head },
        // Durations from the virtual clock: the local counterparts answer in-process, and real elapsed time
        // would make the same seed render different evidence.
        stopwatch: () => clock.now().getTime(),
      },
    });
    const simulatedChecks = report.results.filter((r) => r.status === 'simulated');
    say(
      `${mark(tMinus(clock.now()))} PREFLIGHT ${report.summaryLine}${simulatedChecks.length ? ` (${simulatedChecks.length} simulated: plan commands are rehearsed, not run; --run-commands runs them; a simulated check never counts as passed)` : ''}`,
    );
    for (const r of report.results)
      say(`        [${STATUS_MARK[r.status]}] ${r.name} (${r.kind}): ${r.message}`);
    const preflightFile = renderPreflightFile(report, { version, evidenceDir, clock, templates });
    await push(
      [
        preflightFile,
        record({
          phase: 'preflight',
          decision: report.ok ? (simulatedChecks.length ? 'PASS_WITH_SIMULATED' : 'PASS') : 'FAIL',
          reason: `preflight ${report.summaryLine}: ${
            report.results
              .filter((r) => r.status !== 'pass')
              .map((r) => `${r.name} ${r.status}`)
              .join(', ') || 'every check passed'
          }`,
          traffic_share: 0,
          metrics_snapshot: Object.fromEntries(report.results.map((r) => [r.name, r.status])),
          notes: runCommands
            ? 'simulation: checks ran against local counterparts on 127.0.0.1; plan commands ran on this host'
            : 'simulation: checks ran against local counterparts on 127.0.0.1; plan commands were rehearsed, not run',
          evidence_files: [preflightFile.path],
        }),
      ],
      'preflight',
      report.summaryLine,
    );

    const stages: StageResult[] = [];
    /** Changes that close the release (rollback or promote records, timeline), committed with the mini-RCA. */
    const closing: EvidenceChange[] = [];
    let outcome: SimulationOutcome;
    let decidingStage: SimulationResult['stage'];
    let rollback: RollbackResult | null = null;
    const commands: SimulatedCommand[] = [];
    const runner = simulationCommandRunner(env, commands, { runCommands });
    const traffic = simulationTrafficProvider(plan.traffic, { fetch: simFetch, cwd: repoDir, runner, env });

    if (!report.ok) {
      outcome = 'preflight_failed';
      say(
        `${mark(tMinus(clock.now()))} PREFLIGHT FAILED: the release does not start (${report.results
          .filter((r) => !r.ok && r.status !== 'simulated')
          .map((r) => r.name)
          .join(', ')})`,
      );
    } else {
      // ---- T0..: stages ----
      clock.advanceTo(t0);
      const profiles = deriveProfiles(plan);
      const onset = onsetStageFor(scenario, plan.stages.length);
      let scenarioSource: SyntheticSource | undefined;
      const healthySource = new SyntheticSource({
        scenario: 'healthy',
        profiles,
        startAt: t0,
        onsetAt: 0,
        seed: options.seed,
      });
      outcome = 'promoted';
      for (const [i, stage] of plan.stages.entries()) {
        const number = i + 1;
        const stageStart = clock.now();
        progress({ phase: 'stage', stage: number });
        let source: MetricSource = healthySource;
        if (onset !== null && number >= onset) {
          scenarioSource ??= new SyntheticSource({
            scenario: scenario.synthetic,
            profiles,
            startAt: stageStart,
            onsetAt: scenario.onsetIntervals * stage.interval,
            seed: options.seed,
            ...(scenario.burnIntervals ? { burnSeconds: scenario.burnIntervals * stage.interval } : {}),
          });
          if (number === onset) say(`        scenario: ${scenarioSource.describe()}`);
          source = scenarioSource;
        }
        // The stage's sign-off, rehearsed: a reviewer of the plan approves on the simulated GitHub, and the stage
        // reads and judges it as a live stage does (a stage that could not be signed off stops the rehearsal).
        const signoff = await rehearseSignoff(
          plan,
          resolveStage(plan, String(number)),
          github,
          { client, repo: repoRef, runId: SIM_RUN_ID },
          `scenario ${scenario.name}, seed ${options.seed}`,
          { info: () => undefined, warn: (m) => say(`        sign-off: ${m}`) },
        );
        if (!signoff.allowed) {
          outcome = 'review';
          decidingStage = { number, name: stage.name, decision: 'REVIEW' };
          say(
            `${mark(tMinus(stageStart))} Stage ${number} ${stage.name}: REFUSED before any traffic moved: ${signoff.note}`,
          );
          break;
        }
        if (signoff.signoff)
          say(
            `${mark(tMinus(stageStart))} Stage ${number} ${stage.name}: signed off by ${signoff.signoff.approver} on ${stage.environment} (a simulated approval, never a real sign-off)`,
          );
        const share = shareOf(stage.traffic);
        let trafficDetail: string;
        if (traffic) {
          const set = await traffic.set(share, { version, stage: stage.name, service: plan.release.service });
          trafficDetail = `${formatShare(share)} via ${traffic.describe()}: ${set.detail}`;
        } else {
          trafficDetail = `${formatShare(share)} (the plan has no traffic provider; nothing to set)`;
        }
        say(`${mark(tMinus(stageStart))} Stage ${number} ${stage.name}: traffic ${trafficDetail}`);
        const result = await runStage({
          plan,
          stage,
          version,
          source,
          clock,
          mode: 'simulation',
          startAt: stageStart,
          releaseStartedAt: t0,
          onSample: (s) => {
            say(s.warroom);
            progress({ phase: 'stage', stage: number, sample: s });
          },
        });
        stages.push(result);
        say(
          `        Stage ${number} ${stage.name}: ${result.decision} after ${humanDuration((Date.parse(result.decided_at) - Date.parse(result.started_at)) / 1000)} (${result.samples.length} samples, ${result.holds} hold${result.holds === 1 ? '' : 's'}): ${result.reason}`,
        );
        // The stage's files and decision record come from the stage-gate action's own function.
        const stageFiles = stageEvidenceChanges({
          plan,
          version,
          deploymentId,
          stage: resolveStage(plan, String(number)),
          result,
          signoff: signoff.signoff,
          signoffNote: `simulation (scenario ${scenario.name}, seed ${options.seed}); ${signoff.signoff ? `${signoff.note}: ${signoff.signoff.approver} stands in for the reviewers of ${stage.environment}` : signoff.note || 'the stage names no environment'}`,
          trafficDetail,
          attempt: 1,
          startedAt: stageStart,
          templates,
          clock,
        });
        await push(stageFiles.changes, `stage ${number} ${stage.name}`, `${result.decision}`);
        if (result.decision === 'PROCEED') continue;
        decidingStage = { number, name: stage.name, decision: result.decision };
        if (result.decision === 'ROLLBACK') {
          outcome = 'rolled_back';
          progress({ phase: 'rollback', stage: number });
          rollback = await runRollback({
            plan,
            version,
            stage: stage.name,
            reason: result.reason,
            triggeredBy: result.triggered_by.join(', ') || 'gate',
            metricsSnapshot: Object.fromEntries(result.guardrails.map((g) => [g.name, g.values.canary])),
            deps: {
              cwd: repoDir,
              ...(traffic ? { trafficProvider: traffic } : {}),
              runner,
              alertmanager: (url) => createAlertmanagerClient({ url, fetch: simFetch }),
              github: { client, repo: repoRef },
              evidence: { remote: repoDir, templates },
            },
            clock,
          });
          say(`${mark(tMinus(clock.now()))} ROLLBACK at stage ${number} ${stage.name}:`);
          for (const s of rollback.steps) say(`        ${rollbackStepText(s, commands)}`);
          closing.push(
            timeline([`Stage: ${number} ${stage.name}`, `Status: rolled back`, `Reason: ${result.reason}`]),
            record({
              phase: 'rollback',
              decision: 'ROLLBACK',
              reason: result.reason,
              traffic_share: plan.rollback.traffic,
              metrics_snapshot: Object.fromEntries(
                rollback.steps.map((s) => [
                  s.name,
                  s.skipped ? 'skipped' : !s.ok ? 'failed' : s.simulated ? 'simulated' : 'ok',
                ]),
              ),
              notes: rollback.summary.split('\n')[0]!,
              evidence_files: rollback.evidenceFile ? [rollback.evidenceFile] : [],
            }),
          );
        } else {
          outcome = 'review';
          say(
            `${mark(tMinus(clock.now()))} ${result.decision} at stage ${number} ${stage.name}: a human must decide; the simulation does not sign off for one, so the release stops here (traffic stays at ${formatShare(share)})`,
          );
        }
        break;
      }

      if (outcome === 'promoted') {
        progress({ phase: 'promote' });
        const last = plan.stages.at(-1)!;
        decidingStage = { number: plan.stages.length, name: last.name, decision: 'PROCEED' };
        const success = renderEvidence(
          'canary_success',
          {
            version,
            started: t0.toISOString().replace(/\.\d{3}Z$/, 'Z'),
            duration: humanDuration((clock.now().getTime() - t0.getTime()) / 1000),
            stages_passed: stages.length,
            stages_total: plan.stages.length,
            rollbacks: 0,
            evidence_dir: evidenceDir,
          },
          { clock, templates, dir: evidenceDir },
        );
        // The promote job's own code: it refuses unless the log shows every stage proceeded, then writes the
        // `ga` record that seals the log and the timeline's completion entry.
        const promoted = await promoteRelease(
          { plan, version, deploymentId, dryRun: false, signoff: null },
          { evidence: { remote: repoDir, templates }, clock, log: () => undefined },
        );
        say(`${mark(tMinus(clock.now()))} GA record in ${promoted.decisionLog}: ${promoted.reason}`);
        const tagged = await tagRelease({
          repoDir,
          checkoutDir: path.join(outDir, '.release-checkout'),
          tag,
          sha: workspace.head,
          message: `${plan.release.service} ${tag} (simulated release, scenario ${scenario.name}, seed ${options.seed})`,
          at: clock.now(),
        });
        say(
          `${mark(tMinus(clock.now()))} PROMOTED: ${stages.length}/${plan.stages.length} stages proceeded, 0 rollbacks; annotated tag ${tag} on ${tagged.sha.slice(0, 12)} in the simulated repository (${tagged.status})`,
        );
        const firstNight = Object.entries(plan.signoff)[0];
        if (firstNight)
          say(
            `        sign-off ${firstNight[0]} (environment ${firstNight[1].environment}${firstNight[1].window ? `, ${formatDuration(firstNight[1].window)} window` : ''}) is not simulated: it is a human approval after the ramp`,
          );
        closing.push({ path: success.path, content: success.content });
      }
    }

    // ---- mini-RCA, one-liner and report ----
    // The closing records and the RCA go out in one commit; the RCA reads the log as that commit will hold it.
    let logText = await readBranchFile(repoDir, branch, decisionLog);
    for (const c of closing) if ('update' in c && c.path === decisionLog) logText = c.update(logText);
    const allDecisions = readLogFrom(logText, decisionLog);
    const rcaFiles: EvidenceChange[] = [];
    let reportPath: string | null = null;
    let rcaPath: string | null = null;
    if (stages.length > 0) {
      progress({ phase: 'rca' });
      const rca = deriveRca({
        plan,
        version,
        stages,
        decisions: allDecisions,
        clock,
        ...(outcome === 'promoted' ? { tag } : {}),
      });
      const md = renderRcaMarkdown(rca, { clock, templates, dir: evidenceDir });
      const oneliner = renderEvidence(
        'release_oneliner',
        {
          version,
          service: plan.release.service,
          outcome: rca.facts.outcome.toUpperCase(),
          stages: rca.facts.ramp,
          duration: humanDuration(rca.facts.duration_s),
          rollbacks: rca.facts.rollbacks,
        },
        { clock, templates, dir: evidenceDir },
      );
      // Every file of the release, as links relative to the report: the committed copy sits beside them, the
      // copy at the top of --out reaches them through the evidence checkout.
      const files = await releaseFiles(repoDir, branch, evidenceDir, [
        ...closing.map((c) => c.path),
        md.path,
        oneliner.path,
        `${evidenceDir}/report.html`,
        decisionLog,
      ]);
      const report = (evidenceFiles: string[]) =>
        renderReportHtml({ plan, rca, stages, generatedAt: clock.now(), evidenceFiles }).html;
      const html = report(files);
      rcaFiles.push(
        { path: md.path, content: md.content },
        { path: oneliner.path, content: oneliner.content },
        { path: `${evidenceDir}/report.html`, content: html },
      );
      reportPath = path.join(outDir, 'report.html');
      const fromOut = path.posix.relative('.', path.posix.join(path.basename(checkoutDir), evidenceDir));
      await writeFile(reportPath, report(files.map((f) => path.posix.normalize(`${fromOut}/${f}`))));
      rcaPath = md.path;
      say(
        `${mark(tMinus(clock.now()))} MINI-RCA ${md.path}: ${rca.facts.outcome} - ${rca.facts.outcomeReason}`,
      );
    }
    if (closing.length || rcaFiles.length)
      await push(
        [...closing, ...rcaFiles],
        outcome === 'promoted' ? 'promote' : outcome === 'rolled_back' ? 'rollback' : 'mini-rca',
        `${outcome}${rcaFiles.length ? ', mini-RCA' : ''}`,
      );

    // ---- freeze end ----
    if (fctx && outcome !== 'review') {
      progress({ phase: 'freeze-end' });
      const ended = await endFreeze(freezeCtx()!, {
        version,
        release: tag,
        service: plan.release.service,
        stateReader,
        evidence: writer,
        evidenceContext,
      });
      say(
        `${mark(tMinus(clock.now()))} FREEZE end: ${ended.unlabelledNow} label(s) removed, ${ended.clearedNow} status(es) turned to success`,
      );
    } else if (fctx) {
      say(`${mark(tMinus(clock.now()))} FREEZE stays in force: the release waits for a human decision`);
    }

    // A browsable checkout of the evidence branch, next to the repository.
    await git(repoDir, ['worktree', 'add', '--quiet', checkoutDir, branch]);
    progress({ phase: 'done' });
    return {
      outcome,
      ...(decidingStage ? { stage: decidingStage } : {}),
      scenario: scenario.name,
      seed: options.seed,
      version,
      tag: outcome === 'promoted' ? tag : null,
      startedAt: t0.toISOString(),
      endedAt: clock.now().toISOString(),
      repository: repoDir,
      evidenceCheckout: checkoutDir,
      evidenceBranch: branch,
      evidenceDir,
      decisionLog,
      reportPath,
      rcaPath,
      preflight: { summary: report.summaryLine, simulated: simulatedChecks.map((c) => c.name) },
      stages,
      rollback,
      lines,
    };
  } catch (e) {
    if (e instanceof ConfigurationError) throw e;
    const wrapped = new Error(`simulation failed: ${getErrorMessage(e)}`, { cause: e });
    wrapped.stack = `${wrapped.stack ?? ''}\nCaused by: ${(e as Error).stack ?? String(e)}`;
    throw wrapped;
  } finally {
    await Promise.all([alertmanager.close(), github.close()]);
  }
}

/**
 * A rollback step as the war-room shows it. Rehearsed commands were not run and are shown as SIMULATED with the
 * exact command (runRollback records them so, never as success).
 */
function rollbackStepText(step: RollbackResult['steps'][number], commands: SimulatedCommand[]): string {
  if (step.name === 'commands' && step.simulated) {
    const notRun = commands.filter((c) => !c.ran).map((c) => `\`${c.command}\``);
    const ran = commands.filter((c) => c.ran).map((c) => `\`${c.command}\` exit ${c.exitCode}`);
    return `[SIMULATED] commands: would run ${notRun.join(', ')} (rehearsal, not run)${ran.length ? `; ran ${ran.join(', ')}` : ''}`;
  }
  return `[${step.skipped ? 'SKIPPED' : step.ok ? 'OK' : 'FAILED'}] ${step.name}: ${step.detail}`;
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

/** The release's evidence files (on the branch, plus those about to be committed), relative to the evidence folder. */
async function releaseFiles(
  repoDir: string,
  branch: string,
  evidenceDir: string,
  pending: string[],
): Promise<string[]> {
  const listed = await git(repoDir, [
    'ls-tree',
    '-r',
    '--name-only',
    `refs/heads/${branch}`,
    '--',
    evidenceDir,
  ]);
  const all = new Set([...listed.split('\n').filter(Boolean), ...pending]);
  return [...all].map((file) => path.posix.relative(evidenceDir, file)).sort();
}

async function readBranchFile(repoDir: string, branch: string, file: string): Promise<string | null> {
  try {
    return await git(repoDir, ['show', `refs/heads/${branch}:${file}`]);
  } catch {
    return null;
  }
}

function readLogFrom(text: string | null, file: string): DecisionRecord[] {
  return readDecisionLog(text, file);
}

/**
 * preflight.txt in the simulation: the preflight's own evidence view and template, with the per-check wall-clock
 * durations left out (every time in the simulation's evidence is virtual; the terminal shows the real ones).
 */
function renderPreflightFile(
  report: PreflightReport,
  ctx: {
    version: string;
    evidenceDir: string;
    clock: Pick<Clock, 'now'>;
    templates: ReturnType<typeof createTemplateSource>;
  },
): EvidenceChange & { path: string; content: string } {
  const view = preflightEvidenceView(report, { version: ctx.version });
  const rendered = renderEvidence(
    'preflight',
    { ...view, checks: view.checks.map((c) => ({ ...c, duration: '' })) },
    { clock: ctx.clock, templates: ctx.templates, dir: ctx.evidenceDir },
  );
  return { path: rendered.path, content: rendered.content };
}
