/**
 * One entry for the action and the CLI: given the settings of a run and its I/O, build the freeze context,
 * pick the state reader and the evidence writer, and run one mode.
 */
import { nextAllowed } from '../calendar/index.js';
import {
  ConfigurationError,
  parsePlan,
  renderEvidenceDir,
  renderTag,
  type FreezeSettings,
  type ReleasePlan,
} from '../config/index.js';
import type { TemplateSource } from '../evidence/render.js';
import { getContent } from '../github/api/contents.js';
import type { GitHubClient, RepoRef } from '../github/api/repo.js';
import type { FreezeEndResult } from './end.js';
import type { FreezeEvidenceWriter } from './evidence.js';
import type { GuardResult } from './guard.js';
import type { BypassActor } from '../github/api/rulesets.js';
import { createWritePacer, unpacedWrites } from './pacer.js';
import type { Clock } from '../platform/clock.js';
import { watchPrimaryLimit } from './primary-limit.js';
import type { FreezeRunContext } from './run-context.js';
import type { FreezeStartResult } from './start.js';
import { apiStateReader, gitStateReader, type FreezeStateReader } from './state-store.js';
import type { FreezeStatusResult } from './status.js';

export const FREEZE_MODES = ['start', 'end', 'guard', 'status'] as const;
export type FreezeMode = (typeof FREEZE_MODES)[number];

export function parseFreezeMode(value: string, field = 'mode'): FreezeMode {
  if ((FREEZE_MODES as readonly string[]).includes(value)) return value as FreezeMode;
  throw new ConfigurationError(
    `${field}: ${JSON.stringify(value)} is not a freeze mode (expected one of ${FREEZE_MODES.join(', ')})`,
  );
}

export interface FreezeWindowSettings {
  mode: FreezeMode;
  plan: ReleasePlan;
  /** Required for start and end. */
  version: string;
  repo: RepoRef;
  /** A git URL or path given by the user; null means the repository itself (`defaultRemote`). */
  evidenceRemote: string | null;
  defaultRemote: string;
  /** For the evidence push over https; never logged. */
  token: string;
  actor: string;
  runUrl: string;
  cwd: string;
  /** guard: the event name and payload. */
  event?: { name: string; payload: unknown };
  /** Who may bypass the merge block (the release bot); used when `deps.mergeBlockClient` is given. */
  mergeBlockBypass?: BypassActor[];
}

export interface FreezeWindowDeps {
  github: GitHubClient;
  clock: Clock;
  log: (line: string) => void;
  templates?: TemplateSource;
  /** Overrides the pacer limits (GitHub's published ones by default). */
  pacing?: { perMinute?: number; perHour?: number; marginMs?: number };
  /**
   * A client holding an admin or GitHub App token: start installs the merge-block ruleset with it as its first
   * write and end removes it first. Without it the freeze holds through statuses alone.
   */
  mergeBlockClient?: GitHubClient;
}

export type FreezeWindowResult =
  | { mode: 'start'; result: FreezeStartResult }
  | { mode: 'end'; result: FreezeEndResult }
  | { mode: 'guard'; result: GuardResult }
  | { mode: 'status'; result: FreezeStatusResult };

export function requireFreeze(plan: ReleasePlan): FreezeSettings {
  if (!plan.freeze)
    throw new ConfigurationError(
      'freeze: the release plan has no freeze section (label, base_branches, allow, block, status_check)',
    );
  return plan.freeze;
}

/**
 * The plan as it is on a branch of the repository, read through the API. guard uses the base branch's plan, never
 * a checked-out PR head, so a pull request cannot loosen the freeze that judges it.
 */
export async function loadPlanFromBranch(
  client: GitHubClient,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<ReleasePlan> {
  const file = await getContent(client, repo, path, ref);
  if (file === null)
    throw new ConfigurationError(
      `config: ${path} does not exist on ${ref} of ${repo.owner}/${repo.repo} (the release plan guard reads from the base branch)`,
    );
  return parsePlan(file.text, `${path}@${ref}`);
}

/** The trusted branch whose plan judges an event: the PR's base, or the merge queue's target. */
export function guardPlanRef(eventName: string, payload: unknown): string {
  const body = (payload ?? {}) as {
    pull_request?: { base?: { ref?: unknown } };
    merge_group?: { base_ref?: unknown };
  };
  const ref = eventName === 'merge_group' ? body.merge_group?.base_ref : body.pull_request?.base?.ref;
  if (typeof ref !== 'string' || ref === '') {
    throw new ConfigurationError(
      `event payload: no base branch in the ${eventName || 'event'} payload (pull_request.base.ref or merge_group.base_ref)`,
    );
  }
  return ref.replace(/^refs\/heads\//, '');
}

/** "Next deployment window" for the evidence: after the first-night window, at the first instant the calendar allows. */
export function nextWindowText(plan: ReleasePlan, startedAt: Date): string {
  const windowSeconds =
    plan.signoff['first_night']?.window ??
    Object.values(plan.signoff).find((s) => s.window !== undefined)?.window;
  const after =
    windowSeconds === undefined
      ? 'after the canary completes'
      : `after the canary and ${Math.round(windowSeconds / 3600)}h of first-night monitoring`;
  if (!plan.calendar) return after;
  const earliest = new Date(startedAt.getTime() + (windowSeconds ?? 0) * 1000);
  const at = nextAllowed(earliest, { paths: [] }, plan.calendar, { limitDays: 30 });
  return at === null
    ? `${after}; the calendar allows no window within 30 days`
    : `${after} (calendar: not before ${at.toISOString().slice(0, 16)}Z, ${plan.calendar.timezone})`;
}

function stateReaderFor(
  settings: FreezeWindowSettings,
  deps: FreezeWindowDeps,
  viaApi: boolean,
): FreezeStateReader {
  const branch = settings.plan.evidence.branch;
  if (viaApi && settings.evidenceRemote === null) return apiStateReader(deps.github, settings.repo, branch);
  return gitStateReader({
    remote: settings.evidenceRemote ?? settings.defaultRemote,
    branch,
    token: settings.token || undefined,
    cwd: settings.cwd,
  });
}

// Each mode loads only its own code (dynamic import: a separate chunk of the action's bundle). guard runs on every
// pull request event, so it must not pay for the evidence writer, git and the templates of start and end.
export async function runFreezeWindow(
  settings: FreezeWindowSettings,
  deps: FreezeWindowDeps,
): Promise<FreezeWindowResult> {
  const { plan, mode } = settings;
  if (mode === 'status') {
    const { freezeStatus } = await import('./status.js');
    return { mode, result: await freezeStatus(stateReaderFor(settings, deps, true), deps.clock.now()) };
  }
  const freeze = requireFreeze(plan);
  // Reads spend the primary budget too (dry-run included), so the gate watches every request of the client.
  const primary = watchPrimaryLimit(deps.github, { clock: deps.clock, log: deps.log });
  const pacer = deps.github.dryRun
    ? unpacedWrites()
    : createWritePacer({ clock: deps.clock, log: deps.log, primary, ...deps.pacing });
  const ctx: FreezeRunContext = {
    github: deps.github,
    repo: settings.repo,
    freeze,
    pacer,
    clock: deps.clock,
    actor: settings.actor,
    runUrl: settings.runUrl,
    log: deps.log,
  };

  if (mode === 'guard') {
    if (!settings.event)
      throw new ConfigurationError(
        'freeze guard: no event (GITHUB_EVENT_NAME and GITHUB_EVENT_PATH, or --event-name and --event)',
      );
    const [{ parseGuardEvent }, { guardEvent }] = await Promise.all([
      import('./events.js'),
      import('./guard.js'),
    ]);
    const event = parseGuardEvent(settings.event.name, settings.event.payload);
    return {
      mode,
      result: await guardEvent(ctx, event, {
        stateReader: stateReaderFor(settings, deps, true),
        service: plan.release.service,
      }),
    };
  }

  const version = settings.version;
  if (!version)
    throw new ConfigurationError(
      `freeze ${mode}: version is required (the release the freeze is for, e.g. 1.4.0)`,
    );
  const [{ gitEvidenceWriter }, { createTemplateSource }] = await Promise.all([
    import('./evidence.js'),
    import('../evidence/render.js'),
  ]);
  const release = renderTag(plan, { version });
  const remote = settings.evidenceRemote ?? settings.defaultRemote;
  const evidence: FreezeEvidenceWriter = gitEvidenceWriter({
    remote,
    branch: plan.evidence.branch,
    token: settings.token || undefined,
    cwd: settings.cwd,
    log: deps.log,
  });
  const common = {
    version,
    release,
    service: plan.release.service,
    // start and end read the state where they write it: read-your-writes, no API cache in between.
    stateReader: stateReaderFor(settings, deps, false),
    evidence,
    evidenceContext: {
      templates: deps.templates ?? createTemplateSource(),
      evidenceDir: renderEvidenceDir(plan, { version }),
      service: plan.release.service,
      runUrl: settings.runUrl,
    },
    ...(deps.mergeBlockClient
      ? { mergeBlock: { client: deps.mergeBlockClient, bypass: settings.mergeBlockBypass ?? [] } }
      : {}),
  };
  if (mode === 'start') {
    const { startFreeze } = await import('./start.js');
    return {
      mode,
      result: await startFreeze(ctx, {
        ...common,
        nextWindow: (startedAt) => nextWindowText(plan, startedAt),
      }),
    };
  }
  const { endFreeze } = await import('./end.js');
  return { mode, result: await endFreeze(ctx, common) };
}
