/**
 * `createTrafficProvider(plan.traffic, deps)`: the providers the plan configures, in a fixed order (http, kubectl,
 * gitops, run). With more than one, each is applied even when an earlier one failed — during a rollback, moving
 * the traffic everywhere it can be moved matters more than stopping at the first error — and the failures are
 * reported together afterwards.
 */
import { ConfigurationError, type TrafficSettings } from '../config/index.js';
import type { FetchLike } from '../alertmanager/client.js';
import type { GitCommandManagerFactory } from '../git/git-command-manager.js';
import type { CommandRunner } from './exec.js';
import { createGitopsProvider } from './gitops.js';
import { createHttpProvider } from './http.js';
import { createKubectlProvider } from './kubectl.js';
import { createRunProvider } from './run.js';
import { TrafficError, type ReadBack, type TrafficProvider, type TrafficResult } from './types.js';

export * from './types.js';
export { createHttpProvider } from './http.js';
export { createKubectlProvider, clusterArgv, localArgv } from './kubectl.js';
export { createGitopsProvider } from './gitops.js';
export { createRunProvider } from './run.js';
export { createCommandRunner, type CommandRunner } from './exec.js';

export interface TrafficDeps {
  fetch?: FetchLike;
  env?: NodeJS.ProcessEnv;
  runner?: CommandRunner;
  /** The workspace: manifests, gitops remotes and commands resolve here. */
  cwd?: string;
  /** For gitops pushes over http(s). */
  gitToken?: string;
  git?: GitCommandManagerFactory;
  log?: (line: string) => void;
  clock?: { now(): Date };
  timeoutMs?: number;
}

export function createTrafficProvider(settings: TrafficSettings | undefined, deps: TrafficDeps = {}): TrafficProvider {
  const providers: TrafficProvider[] = [];
  if (settings?.http) providers.push(createHttpProvider(settings.http, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.env ? { env: deps.env } : {}) }));
  if (settings?.kubectl) {
    providers.push(createKubectlProvider(settings.kubectl, { ...(deps.runner ? { runner: deps.runner } : {}), ...(deps.cwd ? { cwd: deps.cwd } : {}) }));
  }
  if (settings?.gitops) {
    providers.push(
      createGitopsProvider(settings.gitops, {
        ...(deps.cwd ? { cwd: deps.cwd } : {}),
        ...(deps.gitToken ? { token: deps.gitToken } : {}),
        ...(deps.git ? { git: deps.git } : {}),
        ...(deps.log ? { log: deps.log } : {}),
        ...(deps.clock ? { clock: deps.clock } : {}),
      }),
    );
  }
  if (settings?.run) {
    providers.push(
      createRunProvider(settings.run, {
        ...(deps.runner ? { runner: deps.runner } : {}),
        ...(deps.cwd ? { cwd: deps.cwd } : {}),
        ...(deps.env ? { env: deps.env } : {}),
      }),
    );
  }
  if (providers.length === 0) {
    throw new ConfigurationError('traffic: no provider is configured (expected one of traffic.http, traffic.kubectl, traffic.gitops, traffic.run)');
  }
  return providers.length === 1 ? providers[0]! : combineProviders(providers);
}

export function combineProviders(providers: TrafficProvider[]): TrafficProvider {
  return {
    describe: () => providers.map((p) => p.describe()).join(' + '),
    async set(share, ctx) {
      const details: string[] = [];
      const failures: string[] = [];
      let readBack: ReadBack | undefined;
      let applied = true;
      let changed = false;
      for (const p of providers) {
        try {
          const r: TrafficResult = await p.set(share, ctx);
          details.push(`${p.describe()}: ${r.detail}`);
          applied &&= r.applied;
          changed ||= r.changed ?? false;
          readBack ??= r.readBack;
        } catch (e) {
          if (e instanceof ConfigurationError) throw e;
          failures.push(`${p.describe()}: ${(e as Error).message}`);
        }
      }
      if (failures.length > 0) {
        throw new TrafficError(`${failures.length} of ${providers.length} traffic providers failed: ${failures.join('; ')}${details.length ? ` (done: ${details.join('; ')})` : ''}`);
      }
      return { applied, changed, ...(readBack !== undefined ? { readBack } : {}), detail: details.join('; ') };
    },
  };
}
