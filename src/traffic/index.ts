/**
 * `createTrafficProvider(plan.traffic, deps)`: the one provider the plan configures (the plan's cross-checks
 * refuse two, because two systems each believing they own the weight would fight over it).
 */
import { ConfigurationError, type TrafficSettings } from '../config/index.js';
import type { FetchLike } from '../alertmanager/client.js';
import type { GitCommandManagerFactory } from '../git/git-command-manager.js';
import type { CommandRunner } from '../platform/command.js';
import { createGitopsProvider } from './gitops.js';
import { createHttpProvider } from './http.js';
import { createKubectlProvider } from './kubectl.js';
import { createRunProvider } from './run.js';
import type { TrafficProvider } from './types.js';
import type { Clock } from '../platform/clock.js';

export * from './types.js';
export { createHttpProvider } from './http.js';
export { createKubectlProvider, clusterArgv, localArgv } from './kubectl.js';
export { createGitopsProvider } from './gitops.js';
export { createRunProvider } from './run.js';
export { createCommandRunner, type CommandRunner } from '../platform/command.js';

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
  clock?: Pick<Clock, 'now'>;
  timeoutMs?: number;
}

export function createTrafficProvider(
  settings: TrafficSettings | undefined,
  deps: TrafficDeps = {},
): TrafficProvider {
  const providers: TrafficProvider[] = [];
  if (settings?.http)
    providers.push(
      createHttpProvider(settings.http, {
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(deps.env ? { env: deps.env } : {}),
      }),
    );
  if (settings?.kubectl) {
    providers.push(
      createKubectlProvider(settings.kubectl, {
        ...(deps.runner ? { runner: deps.runner } : {}),
        ...(deps.cwd ? { cwd: deps.cwd } : {}),
      }),
    );
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
        ...(settings.env ? { envSpec: settings.env } : {}),
      }),
    );
  }
  if (providers.length !== 1) {
    throw new ConfigurationError(
      providers.length === 0
        ? 'traffic: no provider is configured (expected one of traffic.http, traffic.kubectl, traffic.gitops, traffic.run)'
        : 'traffic: more than one provider is configured (expected exactly one of http, kubectl, gitops, run)',
    );
  }
  return providers[0]!;
}
