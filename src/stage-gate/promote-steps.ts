/**
 * What promotion does before the GA record (promote canary -> live): silence the alerts the plan names
 * for the cut-over (`amtool silence add ... alertname=CanaryGate --expires 10m`), then the plan's `promote.run`
 * commands in order (`python -m tools.edge_audit --dry-run`). Any failure stops the promotion before GA is written,
 * so a sealed log always means these steps were done.
 */
import { renderTemplate, type ReleasePlan } from '../config/index.js';
import { createAlertmanagerClient, type AlertmanagerClient } from '../alertmanager/index.js';
import { ensureReleaseSilence } from '../alertmanager/silence.js';
import { preparePlanCommand } from '../commands/plan-command.js';
import { maskSecrets } from '../secrets/masker.js';
import { createCommandRunner, tail, type CommandRunner } from '../platform/command.js';

export interface PromoteStep {
  name: string;
  detail: string;
}

export interface PromoteStepDeps {
  cwd: string;
  now: Date;
  dryRun: boolean;
  runner?: CommandRunner;
  alertmanager?: (url: string) => AlertmanagerClient;
  log: (line: string) => void;
  /** The job's environment: the source of the variables `promote.env` names (default process.env). */
  env?: NodeJS.ProcessEnv;
}

export async function runPromoteSteps(
  plan: ReleasePlan,
  version: string,
  deps: PromoteStepDeps,
): Promise<PromoteStep[]> {
  const steps: PromoteStep[] = [];
  const release = `${plan.release.service} v${version}`;
  const silence = plan.promote?.silence;
  if (silence) {
    const matchers = Object.entries(silence.matchers)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ');
    if (deps.dryRun) {
      steps.push({
        name: 'silence',
        detail: `would silence {${matchers}} for ${silence.duration}s at ${silence.alertmanager}`,
      });
    } else {
      const client = (deps.alertmanager ?? ((url: string) => createAlertmanagerClient({ url })))(
        silence.alertmanager,
      );
      const comment = silence.comment
        ? renderTemplate(
            silence.comment,
            { version, service: plan.release.service },
            'promote.silence.comment',
          )
        : undefined;
      const r = await ensureReleaseSilence(client, {
        matchers: silence.matchers,
        durationSeconds: silence.duration,
        release,
        purpose: 'promote',
        ...(comment ? { comment } : {}),
        now: deps.now,
      });
      steps.push({ name: 'silence', detail: `${r.action} silence ${r.id} {${matchers}} until ${r.endsAt}` });
    }
    deps.log(`promote silence: ${steps.at(-1)!.detail}`);
  }
  const runner = deps.runner ?? createCommandRunner();
  for (const [i, raw] of (plan.promote?.run ?? []).entries()) {
    // A minimal environment plus promote.env; placeholders as CANARY_* variables (commands/plan-command.ts).
    const prepared = preparePlanCommand(raw, {
      context: { version, service: plan.release.service },
      field: `promote.run[${i}]`,
      envSpec: plan.promote?.env,
      envField: 'promote.env',
      parentEnv: deps.env ?? process.env,
    });
    const command = maskSecrets(prepared.shown);
    if (deps.dryRun) {
      steps.push({ name: `run[${i}]`, detail: `would run \`${command}\`` });
      continue;
    }
    const r = await runner.run(prepared.command, { cwd: deps.cwd, env: prepared.env, timeoutMs: 300_000 });
    if (r.simulated) {
      // A rehearsal's runner (simulate) shows the command instead of running it: recorded as such, never as done.
      steps.push({ name: `run[${i}]`, detail: `SIMULATED, not run (rehearsal): \`${command}\`` });
      deps.log(`promote run: ${command} SIMULATED (rehearsal, not run)`);
      continue;
    }
    if (r.exitCode !== 0) {
      throw new Error(
        maskSecrets(
          `promote.run[${i}]: \`${command}\` exited ${r.exitCode}: ${tail(r.stderr || r.stdout, 3)} (GA was not recorded)`,
        ),
      );
    }
    steps.push({ name: `run[${i}]`, detail: `\`${command}\` ok` });
    deps.log(`promote run: ${command} ok`);
  }
  return steps;
}
