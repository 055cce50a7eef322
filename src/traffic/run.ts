/**
 * The command provider: any tool the team already uses (`./scripts/set-weight.sh {{weight}}`, an Argo or Flagger
 * CLI). A string runs through `sh -c`; an argv list runs without a shell. Placeholders reach the command as
 * `CANARY_*` variables (quoted references in a shell string, rendered items in an argv list), and the command
 * gets a minimal environment plus `traffic.env` (commands/plan-command.ts). With `{{flow}}` in the command it runs
 * once per flow with that flow's share as `{{weight}}`.
 */
import { preparePlanCommand } from '../commands/plan-command.js';
import type { CommandEnvSpec } from '../commands/environment.js';
import { ConfigurationError, type TemplateContext } from '../config/index.js';
import { maskSecrets } from '../secrets/masker.js';
import { createCommandRunner, tail, type CommandRunner } from '../platform/command.js';
import { TrafficError, type Share, type TrafficContext, type TrafficProvider } from './types.js';

export interface RunProviderDeps {
  runner?: CommandRunner;
  cwd?: string;
  /** The job's environment: the source of the variables `traffic.env` names (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** The plan's `traffic.env`. */
  envSpec?: CommandEnvSpec;
  timeoutMs?: number;
}

const FLOW = /\{\{\s*flow\s*\}\}/;

export function createRunProvider(command: string | string[], deps: RunProviderDeps = {}): TrafficProvider {
  const runner = deps.runner ?? createCommandRunner();
  const timeoutMs = deps.timeoutMs ?? 120_000;
  const text = typeof command === 'string' ? command : command.join(' ');
  const perFlow = FLOW.test(text);

  const prepare = (context: TemplateContext) =>
    preparePlanCommand(command, {
      context,
      field: 'traffic.run',
      envSpec: deps.envSpec,
      envField: 'traffic.env',
      parentEnv: deps.env ?? process.env,
    });

  return {
    describe: () => `command ${text}`,
    async set(share: Share, ctx: TrafficContext) {
      const base = {
        version: ctx.version,
        ...(ctx.stage ? { stage: ctx.stage } : {}),
        ...(ctx.service ? { service: ctx.service } : {}),
      };
      const runs: Array<{ weight: number; flow?: string }> = perFlow
        ? Object.entries(share.flows ?? {}).map(([flow, weight]) => ({ flow, weight }))
        : [{ weight: share.weight }];
      if (perFlow && runs.length === 0)
        throw new ConfigurationError('traffic.run mentions {{flow}} but this share has no per-flow values');
      const done: string[] = [];
      for (const r of runs) {
        const prepared = prepare({ ...base, weight: r.weight, ...(r.flow ? { flow: r.flow } : {}) });
        const shown = maskSecrets(prepared.shown);
        if (ctx.dryRun) {
          done.push(`would run: ${shown}`);
          continue;
        }
        const result = await runner.run(prepared.command, {
          timeoutMs,
          env: prepared.env,
          ...(deps.cwd ? { cwd: deps.cwd } : {}),
        });
        if (result.exitCode !== 0) {
          throw new TrafficError(
            maskSecrets(
              `traffic.run: \`${shown}\` exited ${result.exitCode}: ${tail(result.stderr || result.stdout)}`,
            ),
          );
        }
        done.push(`ran: ${shown}`);
      }
      return ctx.dryRun
        ? { applied: false, detail: `dry-run: ${done.join('; ')}` }
        : { applied: true, changed: true, detail: done.join('; ') };
    },
  };
}
