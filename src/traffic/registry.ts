/**
 * `createTrafficProvider(plan.traffic, deps)`: the one provider the plan configures, built by the factory its key
 * names (two systems each believing they own the weight would fight over it, so a plan sets exactly one; the
 * rule is `chosenKind`'s, shared with validation).
 *
 * TRAFFIC_PROVIDERS is a Record over every key of TRAFFIC_PROVIDER_CONFIGS (config/schema.ts), so a provider added
 * to the plan language does not compile until it has a factory here, and says how a rehearsal runs it; see
 * docs/extending.md.
 */
import {
  chosenKind,
  ConfigurationError,
  TRAFFIC_KINDS,
  type TrafficKind,
  type TrafficProviderSettings,
  type TrafficSettings,
} from '../config/index.js';
import type { FetchLike } from '../alertmanager/client.js';
import type { GitCommandManagerFactory } from '../git/git-command-manager.js';
import type { CommandRunner } from '../platform/command.js';
import { createGitopsProvider } from './gitops.js';
import { createHttpProvider } from './http.js';
import { createKubectlProvider } from './kubectl.js';
import { createRunProvider } from './run.js';
import type { TrafficProvider } from './types.js';

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

export interface TrafficProviderFactory<K extends TrafficKind> {
  /** `config` is `traffic.<kind>`; `traffic` the whole section (for what providers share, such as `env`). */
  create(config: TrafficProviderSettings<K>, traffic: TrafficSettings, deps: TrafficDeps): TrafficProvider;
  /**
   * How a rehearsal (simulate) runs it: `live` for real against the rehearsal's local stand-ins (its fetch, its
   * runner); `dry-run` in the provider's own dry-run mode, reported as SIMULATED, for providers that act on what
   * a rehearsal cannot stand in for (a cluster, a GitOps remote, a team's command).
   */
  rehearsal: 'live' | 'dry-run';
}

const TRAFFIC_PROVIDERS: { [K in TrafficKind]: TrafficProviderFactory<K> } = {
  http: {
    create: (config, _traffic, deps) =>
      createHttpProvider(config, {
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(deps.env ? { env: deps.env } : {}),
      }),
    rehearsal: 'live',
  },
  kubectl: {
    create: (config, _traffic, deps) =>
      createKubectlProvider(config, {
        ...(deps.runner ? { runner: deps.runner } : {}),
        ...(deps.cwd ? { cwd: deps.cwd } : {}),
      }),
    rehearsal: 'dry-run',
  },
  gitops: {
    create: (config, _traffic, deps) =>
      createGitopsProvider(config, {
        ...(deps.cwd ? { cwd: deps.cwd } : {}),
        ...(deps.gitToken ? { token: deps.gitToken } : {}),
        ...(deps.git ? { git: deps.git } : {}),
        ...(deps.log ? { log: deps.log } : {}),
        ...(deps.clock ? { clock: deps.clock } : {}),
      }),
    rehearsal: 'dry-run',
  },
  run: {
    create: (config, traffic, deps) =>
      createRunProvider(config, {
        ...(deps.runner ? { runner: deps.runner } : {}),
        ...(deps.cwd ? { cwd: deps.cwd } : {}),
        ...(deps.env ? { env: deps.env } : {}),
        ...(traffic.env ? { envSpec: traffic.env } : {}),
      }),
    rehearsal: 'dry-run',
  },
};

/** The kind of provider `traffic:` declares; a ConfigurationError when there is no section, no provider or two. */
export function trafficKind(traffic: TrafficSettings | undefined): TrafficKind {
  if (!traffic)
    throw new ConfigurationError(
      `traffic: no provider is configured (expected one of ${TRAFFIC_KINDS.map((k) => `traffic.${k}`).join(', ')})`,
    );
  const choice = chosenKind(traffic, TRAFFIC_KINDS, 'provider');
  if (!choice.ok) throw new ConfigurationError(`traffic: ${choice.problem}`);
  return choice.kind;
}

export function createTrafficProvider(
  traffic: TrafficSettings | undefined,
  deps: TrafficDeps = {},
): TrafficProvider {
  return build(trafficKind(traffic), traffic!, deps);
}

/** How a rehearsal runs the plan's provider (see TrafficProviderFactory.rehearsal). */
export function trafficRehearsal(traffic: TrafficSettings | undefined): 'live' | 'dry-run' {
  return TRAFFIC_PROVIDERS[trafficKind(traffic)].rehearsal;
}

function build<K extends TrafficKind>(kind: K, traffic: TrafficSettings, deps: TrafficDeps): TrafficProvider {
  return TRAFFIC_PROVIDERS[kind].create(traffic[kind] as TrafficProviderSettings<K>, traffic, deps);
}
