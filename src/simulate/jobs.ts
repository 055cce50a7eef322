/**
 * The jobs of the reusable release workflow, each calling the step function its action calls, with the
 * simulation's world as the outside: freeze start (startFreeze), preflight (runPlanPreflight, then the
 * evidence-commit push), a stage (runStageGate), rollback (runRollback), promote (promote: precondition,
 * silence and commands, GA record), release tag (releaseTag), first night (evaluateFirstNight), mini-RCA
 * (runMiniRca) and freeze end (endFreeze). Each job says what it did through `say`; nothing here decides.
 */
import path from 'node:path';
import { formatDuration, getErrorMessage } from '../config/index.js';
import { pushEvidence } from '../evidence/push.js';
import type { FreezeEvidenceWriter } from '../freeze/evidence.js';
import { endFreeze } from '../freeze/end.js';
import { createWritePacer } from '../freeze/pacer.js';
import type { FreezeRunContext } from '../freeze/run-context.js';
import { nextWindowText } from '../freeze/run.js';
import { startFreeze } from '../freeze/start.js';
import { gitStateReader } from '../freeze/state-store.js';
import type { SampleRecord } from '../gate/types.js';
import type { MetricSource } from '../metrics/source.js';
import { STATUS_MARK } from '../preflight/report.js';
import { runPlanPreflight } from '../preflight/plan-preflight.js';
import type { PreflightReport } from '../preflight/types.js';
import { runMiniRca, type MiniRcaResult } from '../rca/mini-rca.js';
import type { RunOutcome } from '../rca/run-outcome.js';
import { releaseTag, type ReleaseTagResult } from '../release/release-tag.js';
import { workspaceGit } from '../release/workspace-git.js';
import type { NotifyDeps } from '../notify/index.js';
import { runRollback, type RollbackResult } from '../rollback/run-rollback.js';
import { promote, type PromoteJobOutcome } from '../stage-gate/promote.js';
import { runStageGate, type StageGateOutcome } from '../stage-gate/run-stage-gate.js';
import { resolveStage } from '../stage-gate/stage-ref.js';
import { markAt, rollbackStepText } from './print.js';
import { rehearseSignoff } from './rehearse-signoff.js';
import { git } from './workspace.js';
import { SIM_ACTOR, SIM_RUN_ID, type World } from './world.js';

export type Say = (line: string) => void;

function freezeContext(world: World): FreezeRunContext | null {
  const { plan, clock } = world;
  if (!plan.freeze) return null;
  return {
    github: world.client,
    repo: world.repo,
    freeze: plan.freeze,
    pacer: createWritePacer({ clock }),
    clock,
    actor: SIM_ACTOR,
    runUrl: '',
    log: () => undefined,
  };
}

function freezeEvidence(world: World) {
  const branch = world.plan.evidence.branch;
  const writer: FreezeEvidenceWriter = {
    target: `${branch} in ${world.repoDir}`,
    async write(files, message) {
      const r = await pushEvidence({
        remote: world.repoDir,
        branch,
        files: files.map((f) => ({ path: f.path, content: f.content })),
        message,
        clock: world.clock,
      });
      return { changed: r.changed, commit: r.commit };
    },
  };
  return {
    version: world.version,
    release: world.tag,
    service: world.plan.release.service,
    stateReader: gitStateReader({ remote: world.repoDir, branch }),
    evidence: writer,
    evidenceContext: {
      templates: world.templates,
      evidenceDir: world.evidenceDir,
      service: world.plan.release.service,
      runUrl: '',
    },
  };
}

export async function freezeStartJob(world: World, say: Say): Promise<boolean> {
  const ctx = freezeContext(world);
  const at = markAt(world.t0, world.clock.now());
  if (!ctx) {
    say(`${at} FREEZE: the plan has no freeze section; no pull request is held`);
    return false;
  }
  const started = await startFreeze(ctx, {
    ...freezeEvidence(world),
    nextWindow: (s) => nextWindowText(world.plan, s),
  });
  const held = started.pulls.filter((p) => p.class === 'held');
  say(
    `${at} FREEZE start: ${held.length} of ${started.pulls.length} open PRs on hold (label ${ctx.freeze.label}, status ${ctx.freeze.status_check}=failure), ${started.pulls.length - held.length} allowed`,
  );
  for (const p of started.pulls)
    say(
      `        #${p.number} ${p.class === 'held' ? (p.blocked ? 'HELD (blocked)' : 'HELD') : 'allowed'}: ${p.title} - ${p.reason}`,
    );
  return true;
}

export async function freezeEndJob(world: World, say: Say): Promise<void> {
  const ctx = freezeContext(world);
  if (!ctx) return;
  const ended = await endFreeze(ctx, freezeEvidence(world));
  say(
    `${markAt(world.t0, world.clock.now())} FREEZE end: ${ended.unlabelledNow} label(s) removed, ${ended.clearedNow} status(es) turned to success`,
  );
}

/** The preflight job: the checks, then preflight.txt committed as the evidence-commit step does. */
export async function preflightJob(
  world: World,
  metrics: MetricSource | undefined,
  say: Say,
): Promise<PreflightReport> {
  const { plan, clock } = world;
  const { report, evidence } = await runPlanPreflight({
    plan,
    version: world.version,
    at: world.t0,
    repoDir: world.repoDir,
    // Asked to run commands, one that cannot run fails the preflight as in a release; else none is started.
    missingCommand: world.runCommands ? 'error' : 'simulate',
    rehearseCommands: !world.runCommands,
    clock,
    fetch: world.fetch,
    env: world.env,
    deps: {
      ...(metrics ? { metrics: () => metrics } : {}),
      github: { client: world.client, repo: world.repo, sha: world.workspace.head },
      // Durations from the virtual clock: the local counterparts answer in-process, and real elapsed time
      // would make the same seed render different evidence.
      stopwatch: () => clock.now().getTime(),
    },
  });
  const simulated = report.results.filter((r) => r.status === 'simulated');
  say(
    `${markAt(world.t0, clock.now())} PREFLIGHT ${report.summaryLine}${simulated.length ? ` (${simulated.length} simulated: plan commands are rehearsed, not run; --run-commands runs them; a simulated check never counts as passed)` : ''}`,
  );
  for (const r of report.results)
    say(`        [${STATUS_MARK[r.status]}] ${r.name} (${r.kind}): ${r.message}`);
  await pushEvidence({
    remote: world.repoDir,
    branch: plan.evidence.branch,
    files: [{ path: evidence.path, content: evidence.content }],
    message: `evidence(${world.tag}): preflight - ${report.summaryLine}\n\nRelease: ${world.tag}\nStage: preflight\nRun: local run (no GitHub run URL)\n`,
    clock,
  });
  return report;
}

export type StageJobOutcome =
  | { kind: 'decided'; outcome: StageGateOutcome }
  /** The job failed before a decision (a refused sign-off, an error): the workflow's rollback job runs. */
  | { kind: 'failed'; reason: string };

/** One stage job: the rehearsed sign-off on the emulator, then the stage gate exactly as the action runs it. */
export async function stageJob(
  world: World,
  number: number,
  source: MetricSource,
  rehearsal: string,
  say: Say,
  onSample: (sample: SampleRecord) => void,
): Promise<StageJobOutcome> {
  const { plan, clock } = world;
  const stage = resolveStage(plan, String(number));
  const at = markAt(world.t0, clock.now());
  const label = `Stage ${number} ${stage.config.name}`;
  if (stage.environment) {
    const reviewer = rehearseSignoff(plan, stage.environment, world.github, SIM_RUN_ID, rehearsal);
    say(
      `${at} ${label}: approved by ${reviewer} on ${stage.environment} (a simulated approval, never a real sign-off)`,
    );
  }
  try {
    const outcome = await runStageGate(
      {
        plan,
        version: world.version,
        stage: String(number),
        deploymentId: world.deploymentId,
        dryRun: false,
        setTraffic: world.traffic !== null,
        sha: world.workspace.head,
      },
      {
        source,
        clock,
        traffic: world.traffic,
        github: { client: world.client, repo: world.repo, runId: SIM_RUN_ID },
        evidence: world.evidence,
        log: { info: () => undefined, warn: (m) => say(`        ${label}: ${m}`) },
        onSample,
        monotonicMs: () => clock.now().getTime(),
        notify: simulationNotify(world),
      },
    );
    say(`${at} ${label}: traffic ${outcome.traffic}`);
    if (outcome.trafficCut) say(`        ${label}: traffic cut: ${outcome.trafficCut.detail}`);
    return { kind: 'decided', outcome };
  } catch (e) {
    // As the action sets its `reason` output for the rollback job when the stage stopped without a decision.
    const reason = `stage ${number} stopped before a decision: ${getErrorMessage(e)}`;
    say(`${at} ${label}: FAILED: ${reason}`);
    return { kind: 'failed', reason };
  }
}

/**
 * Notifications go through the simulation's network, which has no counterpart for Slack, Teams, PagerDuty or
 * Grafana: a rehearsal never pages anyone, and each channel's result says it was not reached. No waits between
 * retries, so an unreachable channel costs no real time.
 */
function simulationNotify(world: World): NotifyDeps {
  return { fetch: world.fetch, env: world.env, sleep: async () => undefined };
}

/** The rollback job, with the inputs the workflow gives it: the failed stage's name and its reason output. */
export async function rollbackJob(
  world: World,
  stageName: string,
  reason: string,
  say: Say,
): Promise<RollbackResult> {
  const { plan, clock } = world;
  const rollback = await runRollback({
    plan,
    version: world.version,
    stage: stageName,
    reason,
    triggeredBy: `manual (${SIM_ACTOR})`,
    clock,
    deps: {
      cwd: world.repoDir,
      ...(world.traffic ? { trafficProvider: world.traffic } : {}),
      runner: world.runner,
      alertmanager: world.alertmanager,
      github: { client: world.client, repo: world.repo },
      evidence: {
        remote: world.repoDir,
        templates: world.templates,
        decisionLog: { path: world.decisionLog, deploymentId: world.deploymentId },
      },
      env: world.env,
      notify: simulationNotify(world),
    },
  });
  say(`${markAt(world.t0, clock.now())} ROLLBACK at stage ${stageName}:`);
  for (const s of rollback.steps) say(`        ${rollbackStepText(s, world.commands)}`);
  return rollback;
}

export async function promoteJob(world: World, say: Say): Promise<PromoteJobOutcome> {
  const out = await promote(
    { plan: world.plan, version: world.version, deploymentId: world.deploymentId, dryRun: false },
    {
      evidence: world.evidence,
      clock: world.clock,
      log: () => undefined,
      steps: { cwd: world.repoDir, runner: world.runner, alertmanager: world.alertmanager, env: world.env },
      notify: simulationNotify(world),
    },
  );
  const at = markAt(world.t0, world.clock.now());
  for (const s of out.steps) say(`${at} PROMOTE ${s.name}: ${s.detail}`);
  say(`${at} GA record in ${out.decisionLog}: ${out.reason}`);
  return out;
}

/** The release-tag job, from a checkout of the release repository as actions/checkout leaves one. */
export async function releaseTagJob(world: World, say: Say): Promise<ReleaseTagResult> {
  const checkout = path.join(world.outDir, '.release-checkout');
  await git(world.outDir, ['clone', '--quiet', '--no-checkout', world.repoDir, checkout]);
  const out = await releaseTag({
    configPath: path.join(world.repoDir, '.github', 'canary.yml'),
    version: world.version,
    sha: world.workspace.head,
    workspaceGit: await workspaceGit({ workspace: checkout }),
    evidenceRemote: world.repoDir,
    evidenceWeb: null,
    deploymentId: world.deploymentId,
    github: { client: world.client, repo: world.repo },
    dryRun: false,
    log: () => undefined,
    templates: world.templates,
    cwd: world.repoDir,
  });
  say(
    `${markAt(world.t0, world.clock.now())} RELEASE TAG ${out.tag.tag} on ${out.tag.sha.slice(0, 12)} (${out.tag.status}); GitHub release ${out.release.action}`,
  );
  const firstNight = world.plan.signoff.first_night;
  if (firstNight)
    say(
      `        sign-off first_night (environment ${firstNight.environment}${firstNight.window ? `, ${formatDuration(firstNight.window)} window` : ''}) is not simulated: it is a human approval after the ramp`,
    );
  return out;
}

export async function miniRcaJob(world: World, runOutcome: RunOutcome, say: Say): Promise<MiniRcaResult> {
  const out = await runMiniRca({
    configPath: path.join(world.repoDir, '.github', 'canary.yml'),
    version: world.version,
    evidenceRemote: world.repoDir,
    deploymentId: world.deploymentId,
    dryRun: false,
    runOutcome,
    outDir: world.outDir,
    clock: world.clock,
    log: () => undefined,
    templates: world.templates,
    cwd: world.repoDir,
  });
  say(
    `${markAt(world.t0, world.clock.now())} MINI-RCA ${out.evidencePaths[0]}: ${out.rca.facts.outcome} - ${out.rca.facts.outcomeReason}`,
  );
  return out;
}
