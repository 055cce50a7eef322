/**
 * The command provider: any tool the team already uses (`./scripts/set-weight.sh {{weight}}`, an Argo or Flagger
 * CLI). A string runs through `sh -c`; an argv list runs without a shell, each item rendered. With `{{flow}}` in
 * the command it runs once per flow with that flow's share as `{{weight}}`.
 */
import { ConfigurationError, renderTemplate, type TemplateContext } from '../config/index.js';
import { createCommandRunner, tail, type CommandRunner } from './exec.js';
import { TrafficError, type Share, type TrafficContext, type TrafficProvider } from './types.js';

export interface RunProviderDeps {
  runner?: CommandRunner;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const FLOW = /\{\{\s*flow\s*\}\}/;

export function createRunProvider(command: string | string[], deps: RunProviderDeps = {}): TrafficProvider {
  const runner = deps.runner ?? createCommandRunner();
  const timeoutMs = deps.timeoutMs ?? 120_000;
  const text = typeof command === 'string' ? command : command.join(' ');
  const perFlow = FLOW.test(text);

  const render = (context: TemplateContext): string | string[] =>
    typeof command === 'string'
      ? renderTemplate(command, context, 'traffic.run')
      : command.map((part, i) => renderTemplate(part, context, `traffic.run[${i}]`));

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
        const rendered = render({ ...base, weight: r.weight, ...(r.flow ? { flow: r.flow } : {}) });
        const shown = typeof rendered === 'string' ? rendered : rendered.join(' ');
        if (ctx.dryRun) {
          done.push(`would run: ${shown}`);
          continue;
        }
        const result = await runner.run(rendered, {
          timeoutMs,
          ...(deps.cwd ? { cwd: deps.cwd } : {}),
          ...(deps.env ? { env: deps.env } : {}),
        });
        if (result.exitCode !== 0) {
          throw new TrafficError(
            `traffic.run: \`${shown}\` exited ${result.exitCode}: ${tail(result.stderr || result.stdout)}`,
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
