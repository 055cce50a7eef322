/**
 * The single-command rollback every seed asks for, as one ordered list of steps:
 *   traffic  -> the plan's rollback weight (default 0) through the traffic provider
 *   commands -> the plan's `rollback.run` commands, in order
 *   silence  -> an Alertmanager silence on the plan's matchers (one per release, extended on re-run)
 *   incident -> one incident issue per release, with the reason and the metric snapshot
 *   evidence -> `rollback_<YYYYmmdd_HHMMSS>.txt`, listing what each step did, pushed to the evidence branch
 * A step that fails is recorded and the next still runs: a broken flag service must not keep the alerts
 * unsilenced or the incident unopened. The result is ok only when every step is.
 * The stage must be a stage of the plan (it is checked before any step: a rollback of a stage the plan does
 * not have is a typo or an attack, and it reaches commands as CANARY_STAGE). Commands get a minimal environment
 * plus `rollback.env`; every detail, the evidence file and the summary pass through the run's one masker.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ConfigurationError,
  getErrorMessage,
  renderEvidenceDir,
  renderTemplate,
  type ReleasePlan,
} from '../config/index.js';
import { preparePlanCommand } from '../commands/plan-command.js';
import { maskSecrets } from '../secrets/masker.js';
import { createAlertmanagerClient, type AlertmanagerClient } from '../alertmanager/client.js';
import { ensureReleaseSilence } from '../alertmanager/silence.js';
import { evidenceCommitMessage, pushEvidence, type EvidenceChange } from '../evidence/push.js';
import { decisionLogChange } from '../evidence/record-decision.js';
import { EvidenceSealedError } from '../evidence/errors.js';
import { createTemplateSource, renderEvidence, type TemplateSource } from '../evidence/render.js';
import type { RepoRef } from '../github/api/index.js';
import type { GitHubClient } from '../github/client.js';
import { notify, rollbackMessage, type NotifyDeps, type NotifyResult } from '../notify/index.js';
import { createTrafficProvider, type TrafficDeps } from '../traffic/index.js';
import { applyShare, baselineShare } from '../traffic/set-traffic.js';
import { createCommandRunner, tail, type CommandRunner } from '../platform/command.js';
import type { TrafficProvider } from '../traffic/types.js';
import { openIncidentOnce, type MetricsSnapshot } from './incident.js';
import type { Clock } from '../platform/clock.js';

export const ROLLBACK_STEPS = ['traffic', 'commands', 'silence', 'incident', 'evidence'] as const;
export type RollbackStepName = (typeof ROLLBACK_STEPS)[number];

export interface RollbackStep {
  name: RollbackStepName;
  ok: boolean;
  /** Not configured in the plan (counts as ok). */
  skipped?: boolean;
  /** Some of its commands were not run because the simulation has no such executable. */
  simulated?: boolean;
  detail: string;
  error?: string;
}

export interface RollbackDeps {
  /** The workspace: commands run here, the incident template and relative paths resolve here. */
  cwd: string;
  traffic?: TrafficDeps;
  /** Overrides the provider built from plan.traffic. */
  trafficProvider?: TrafficProvider;
  runner?: CommandRunner;
  commandTimeoutMs?: number;
  alertmanager?: (url: string) => AlertmanagerClient;
  /** Absent: the incident step fails (a plan that asks for an incident must get one, or say why not). */
  github?: { client: GitHubClient; repo: RepoRef };
  evidence: {
    /** Git URL or path of the evidence repository; pushed to plan.evidence.branch. */
    remote?: string;
    token?: string;
    /** Also (or instead, with no remote) write the file under this folder. */
    outDir?: string;
    templates?: TemplateSource;
    /**
     * The release's decision log (rendered `evidence.decisions`): the rollback is recorded there as one more
     * phase transition, in the same commit as its evidence file. A log already sealed by GA is left untouched.
     */
    decisionLog?: { path: string; deploymentId: string };
  };
  notify?: NotifyDeps;
  runUrl?: string;
  log?: (line: string) => void;
  /** The job's environment: the source of the variables `rollback.env` names (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface RollbackRequest {
  plan: ReleasePlan;
  version: string;
  stage: string;
  reason: string;
  triggeredBy?: string;
  metricsSnapshot?: MetricsSnapshot;
  dryRun?: boolean;
  deps: RollbackDeps;
  clock: Pick<Clock, 'now'>;
}

export interface RollbackResult {
  ok: boolean;
  steps: RollbackStep[];
  silenceId?: string;
  incidentNumber?: number;
  incidentUrl?: string;
  /** Path of the evidence file from the repository root, e.g. evidence/1.4.0/rollback_20261122_101500.txt. */
  evidenceFile?: string;
  evidenceCommit?: string;
  notifications: NotifyResult[];
  /** One line per step, for the job summary and the CLI. */
  summary: string;
}

/** The stage input names a stage of the plan, exactly; anything else is a ConfigurationError naming the field. */
export function checkRollbackStage(plan: ReleasePlan, stage: string, field = 'stage'): string {
  if (plan.stages.some((s) => s.name === stage)) return stage;
  throw new ConfigurationError(
    `${field}: ${JSON.stringify(stage)} is not a stage of the plan (expected one of ${plan.stages.map((s) => s.name).join(', ')})`,
  );
}

export async function runRollback(request: RollbackRequest): Promise<RollbackResult> {
  const { plan, version, reason, deps } = request;
  const stage = checkRollbackStage(plan, request.stage);
  const log = (line: string): void => (deps.log ?? (() => undefined))(maskSecrets(line));
  const startedAt = request.clock.now();
  const service = plan.release.service;
  const release = `${service} v${version}`;
  const weight = plan.rollback.traffic;
  const triggeredBy = request.triggeredBy ?? 'manual';
  const steps: RollbackStep[] = [];
  const result: Omit<RollbackResult, 'ok' | 'summary'> = { steps, notifications: [] };

  const step = async (
    name: RollbackStepName,
    work: () => Promise<{ detail: string; skipped?: boolean; simulated?: boolean }>,
  ): Promise<void> => {
    try {
      const done = await work();
      steps.push({
        name,
        ok: true,
        detail: maskSecrets(done.detail),
        ...(done.skipped ? { skipped: true } : {}),
        ...(done.simulated ? { simulated: true } : {}),
      });
      log(`rollback ${name}: ${done.detail}`);
    } catch (e) {
      const error = maskSecrets(getErrorMessage(e));
      steps.push({ name, ok: false, detail: `FAILED: ${error}`, error });
      log(`rollback ${name}: FAILED: ${error}`);
    }
  };

  await step('traffic', async () => {
    const provider =
      deps.trafficProvider ?? createTrafficProvider(plan.traffic, { cwd: deps.cwd, ...deps.traffic });
    // Idempotent: the stage gate cuts traffic itself when it decides, so the share is usually in place already.
    const r = await applyShare(provider, baselineShare(plan), {
      version,
      stage,
      service,
      ...(request.dryRun ? { dryRun: true } : {}),
    });
    return { detail: `${weight}% via ${provider.describe()}: ${r.detail}` };
  });

  await step('commands', async () => {
    const commands = plan.rollback.run;
    if (commands.length === 0) return { detail: 'no rollback.run commands in the plan', skipped: true };
    const runner = deps.runner ?? createCommandRunner();
    const outcomes: string[] = [];
    const failures: string[] = [];
    let simulated = false;
    for (const [i, raw] of commands.entries()) {
      const prepared = preparePlanCommand(raw, {
        context: { version, stage, service, weight },
        field: `rollback.run[${i}]`,
        envSpec: plan.rollback.env,
        envField: 'rollback.env',
        parentEnv: deps.env ?? process.env,
      });
      const command = prepared.shown;
      if (request.dryRun) {
        outcomes.push(`would run \`${command}\``);
        continue;
      }
      // Each command runs even when an earlier one failed: they are independent clean-ups (scale down, drain).
      const r = await runner.run(prepared.command, {
        cwd: deps.cwd,
        env: prepared.env,
        timeoutMs: deps.commandTimeoutMs ?? 300_000,
      });
      if (r.simulated) {
        simulated = true;
        outcomes.push(`SIMULATED \`${command}\` (not run: ${tail(r.stderr || r.stdout, 1)})`);
      } else if (r.exitCode === 0) outcomes.push(`\`${command}\` ok`);
      else failures.push(`\`${command}\` exited ${r.exitCode}: ${tail(r.stderr || r.stdout, 3)}`);
    }
    if (failures.length > 0)
      throw new Error(
        `${failures.length} of ${commands.length} commands failed: ${failures.join('; ')}${outcomes.length ? ` (ok: ${outcomes.join(', ')})` : ''}`,
      );
    return { detail: outcomes.join('; '), simulated };
  });

  await step('silence', async () => {
    const settings = plan.rollback.silence;
    if (!settings) return { detail: 'no rollback.silence in the plan', skipped: true };
    const client = (deps.alertmanager ?? ((url: string) => createAlertmanagerClient({ url })))(
      settings.alertmanager,
    );
    const matchers = Object.entries(settings.matchers)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    if (request.dryRun)
      return { detail: `dry-run: would silence {${matchers}} for ${settings.duration}s on ${client.url}` };
    const comment = [
      settings.comment
        ? renderTemplate(settings.comment, { version, stage, service }, 'rollback.silence.comment')
        : '',
      `Rollback of ${release} at stage ${stage}: ${reason}`,
    ]
      .filter(Boolean)
      .join(' - ');
    const s = await ensureReleaseSilence(client, {
      matchers: settings.matchers,
      durationSeconds: settings.duration,
      release,
      purpose: 'rollback',
      comment,
      now: request.clock.now(),
    });
    result.silenceId = s.id;
    return {
      detail: `silence ${s.id} ${s.action} on {${matchers}} until ${s.endsAt}${s.expiredDuplicates.length ? ` (expired duplicates ${s.expiredDuplicates.join(', ')})` : ''}`,
    };
  });

  await step('incident', async () => {
    const settings = plan.rollback.incident;
    if (!settings) return { detail: 'no rollback.incident in the plan', skipped: true };
    if (!deps.github)
      throw new Error(
        'no GitHub token and repository, so the incident issue cannot be opened (input token, GITHUB_REPOSITORY)',
      );
    const facts = {
      service,
      version,
      stage,
      reason,
      triggeredBy,
      timestamp: `${startedAt.toISOString().slice(0, 19)}Z`,
      weight,
      ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
      ...(request.metricsSnapshot ? { metricsSnapshot: request.metricsSnapshot } : {}),
      ...(result.silenceId ? { silenceId: result.silenceId } : {}),
    };
    const incident = await openIncidentOnce(deps.github.client, deps.github.repo, settings, facts, deps.cwd);
    if (incident.dryRun)
      return { detail: `dry-run: would open "${incident.title}" labelled [${settings.labels.join(', ')}]` };
    result.incidentNumber = incident.number;
    result.incidentUrl = incident.url;
    return {
      detail: `${incident.created ? 'opened' : 'already open:'} #${incident.number} "${incident.title}"`,
    };
  });

  await step('evidence', async () => {
    const dir = renderEvidenceDir(plan, { version });
    const templates =
      deps.evidence.templates ??
      createTemplateSource(
        plan.evidence.templates ? { overrideDir: path.resolve(deps.cwd, plan.evidence.templates) } : {},
      );
    const rendered = renderEvidence(
      'rollback',
      {
        version,
        stage,
        reason,
        triggered_by: triggeredBy,
        traffic: weight,
        service,
        ...(deps.runUrl ? { run_url: deps.runUrl } : {}),
        actions: steps.map((s) => ({
          status: s.skipped ? 'SKIPPED' : !s.ok ? 'FAILED' : s.simulated ? 'SIMULATED' : 'OK',
          name: `${s.name}: ${s.detail}`,
        })),
        metrics: Object.entries(request.metricsSnapshot ?? {}).map(([name, value]) => ({ name, value })),
        ...(result.silenceId ? { silence_id: result.silenceId } : {}),
        ...(result.incidentNumber ? { incident: `#${result.incidentNumber}` } : {}),
      },
      { clock: { now: () => startedAt }, templates, dir },
    );
    rendered.content = maskSecrets(rendered.content);
    result.evidenceFile = rendered.path;
    if (!deps.evidence.remote && !deps.evidence.outDir)
      throw new Error(
        `${rendered.path} rendered, but there is no evidence remote or output folder to write it to`,
      );
    const written: string[] = [];
    if (deps.evidence.outDir) {
      const target = path.resolve(deps.evidence.outDir, ...rendered.path.split('/'));
      if (!request.dryRun) {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, rendered.content, 'utf8');
      }
      written.push(`${request.dryRun ? 'would write' : 'wrote'} ${target}`);
    }
    if (deps.evidence.remote) {
      if (request.dryRun) written.push(`would push ${rendered.path} to ${plan.evidence.branch}`);
      else {
        const files: EvidenceChange[] = [{ path: rendered.path, content: rendered.content }];
        const decisionLog = deps.evidence.decisionLog;
        if (decisionLog) {
          files.push(
            decisionLogChange(
              decisionLog.path,
              {
                version,
                deployment_id: decisionLog.deploymentId,
                phase: 'rollback',
                decision: 'ROLLBACK',
                reason,
                start_timestamp: startedAt.toISOString(),
                traffic_share: weight,
                metrics_snapshot: Object.fromEntries(
                  Object.entries(request.metricsSnapshot ?? {}).filter(
                    ([, v]) => typeof v === 'number' || typeof v === 'string',
                  ),
                ) as Record<string, number | string>,
                notes: `stage ${stage}; triggered by ${triggeredBy}; ${steps.map((s) => `${s.name} ${s.skipped ? 'skipped' : s.ok ? 'ok' : 'FAILED'}`).join(', ')}`,
                run_url: deps.runUrl ?? null,
                evidence_files: [rendered.path],
              },
              { now: () => startedAt },
            ),
          );
        }
        const push = (changes: EvidenceChange[]) =>
          pushEvidence({
            remote: deps.evidence.remote!,
            branch: plan.evidence.branch,
            files: changes,
            message: evidenceCommitMessage({
              release: `v${version}`,
              stage: `rollback (${stage})`,
              runUrl: deps.runUrl ?? null,
              summary: reason.slice(0, 72),
            }),
            cwd: deps.cwd,
            clock: { now: () => startedAt },
            ...(deps.evidence.token ? { token: deps.evidence.token } : {}),
            log,
          });
        let pushed;
        try {
          pushed = await push(files);
        } catch (e) {
          // After GA the log is immutable; the rollback's own evidence file must still land.
          if (!(e instanceof EvidenceSealedError)) throw e;
          written.push(`decision log sealed by GA, rollback not recorded there`);
          pushed = await push(files.slice(0, 1));
        }
        result.evidenceCommit = pushed.commit;
        written.push(`pushed ${rendered.path} to ${plan.evidence.branch} as ${pushed.commit.slice(0, 12)}`);
      }
    }
    return { detail: written.join('; ') };
  });

  const ok = steps.every((s) => s.ok);
  const failed = steps.filter((s) => !s.ok).map((s) => s.name);
  const summary = maskSecrets(
    [
      `Rollback of ${release} at stage ${stage} (${reason}): ${ok ? 'every step done' : `FAILED steps: ${failed.join(', ')}`}`,
      ...steps.map((s) => `  [${s.skipped ? 'SKIPPED' : s.ok ? 'OK' : 'FAILED'}] ${s.name}: ${s.detail}`),
    ].join('\n'),
  );

  if (!request.dryRun) {
    const text = `:rotating_light: Rollback ${release} at stage ${stage}: ${reason}. ${steps
      .map((s) => `${s.name} ${s.skipped ? 'skipped' : s.ok ? 'ok' : 'FAILED'}`)
      .join(', ')}${result.incidentUrl ? ` - incident ${result.incidentUrl}` : ''}`;
    const message = rollbackMessage({
      plan,
      version,
      stage,
      reason,
      text,
      at: request.clock.now(),
      triggeredBy,
      ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
      ...(result.incidentUrl ? { incidentUrl: result.incidentUrl } : {}),
      ...(request.metricsSnapshot ? { metricsSnapshot: request.metricsSnapshot } : {}),
      steps: steps.map((s) => ({ name: s.name, status: s.skipped ? 'skipped' : s.ok ? 'ok' : 'failed' })),
    });
    result.notifications = await notify(plan.notify, message, { ...(deps.notify ?? {}), log });
  }
  return { ...result, ok, summary };
}
