/**
 * The preflight result model and the I/O a check may use. Checks never reach for the network, a process or
 * git on their own: the runner hands them these dependencies, so the simulation can point the same checks at
 * local counterparts and tests can use real servers on port 0.
 */
import type {
  CalendarSettings,
  PreflightCheckConfig,
  PreflightKind,
  TemplateContext,
} from '../config/index.js';
import type { GitHubClient } from '../github/client.js';
import type { RepoRef } from '../github/api/repo.js';
import type { MetricSource } from '../metrics/source.js';
import type { CommandRunner } from '../platform/command.js';
import type { ChangedFile, GitReader } from './git.js';
import type { Clock } from '../platform/clock.js';

/**
 * `pass` and `fail` are verdicts on the thing checked; `error` means the check could not reach a verdict
 * (a command that does not exist, a placeholder with no value, a missing dependency); `simulated` means the
 * check was deliberately not run (simulation of a command that only exists on the release machine).
 * Only `pass` counts as passed.
 */
export type CheckStatus = 'pass' | 'fail' | 'simulated' | 'error';

export interface CheckOutput {
  /** The command as run (argv joined, or the shell string), secrets masked. */
  command?: string;
  exit_code?: number | null;
  /** Kept for the evidence: the tail, truncated, secrets masked. */
  stdout?: string;
  stderr?: string;
}

export interface CheckResult {
  name: string;
  kind: PreflightKind;
  ok: boolean;
  status: CheckStatus;
  /** What the check required, in words a release engineer reads ("HTTP 200", "takeover_ms <= 1700"). */
  expected: string;
  /** What it saw ("HTTP 503", "takeover_ms = 2100"). */
  observed: string;
  /** One sentence: why it passed or failed. */
  message: string;
  duration_ms: number;
  attempts: number;
  output?: CheckOutput;
  /** Structured detail for the JSON output (breaking changes, issue numbers, per-request counts). */
  details?: unknown;
}

/** What one attempt of a check returns; the runner adds name, kind, timing and attempts. */
export interface CheckVerdict {
  status: CheckStatus;
  expected: string;
  observed: string;
  message: string;
  output?: CheckOutput;
  details?: unknown;
}

export interface GitHubTarget {
  client: GitHubClient;
  repo: RepoRef;
  /** The release SHA (check runs are read on it). */
  sha: string;
  /** public, private or internal, from the workflow's event payload; unknown outside a run. */
  visibility?: string;
}

export interface PreflightDeps {
  fetch: typeof fetch;
  exec: CommandRunner;
  git: GitReader;
  clock: Pick<Clock, 'now'>;
  /** Created on first use, so a plan without query checks never needs its metric source. */
  metrics?: () => MetricSource;
  github?: GitHubTarget;
  /**
   * The job's environment: the source of secret values to mask and of the variables a `run` check names in
   * `env:`. Commands themselves get only a minimal environment (see commandEnvironment).
   */
  env: NodeJS.ProcessEnv;
  /**
   * Monotonic milliseconds for measured durations (latencies, check times); default `performance.now`.
   * The simulation passes its virtual clock so the same seed renders the same preflight evidence.
   */
  stopwatch?: () => number;
}

export interface PreflightOptions {
  version: string;
  service: string;
  /** The instant the calendar is asked about (`--at`, default the clock's now). */
  at?: Date;
  /** Compare schema_diff / github / calendar against this ref instead of discovering the previous tag. */
  previousTag?: string;
  /** Directory `run` commands start in and `cwd:` is relative to. */
  cwd: string;
  /** A `run` command whose executable is missing: an `error` (release) or `simulated` (simulation). */
  missingCommand?: 'error' | 'simulate';
  /**
   * A rehearsal (simulate without --run-commands): no `run` command is started; each is reported as
   * `simulated` with the exact command, so the outcome does not depend on what this host has installed.
   */
  rehearseCommands?: boolean;
  /** Checks in flight at once (default 8). */
  concurrency?: number;
  /** Extra literal strings to mask in kept output (tokens passed as inputs). */
  secrets?: string[];
  calendar?: CalendarSettings;
  /** Branches whose merged pull requests make up the release (the plan's freeze.base_branches; default main). */
  baseBranches?: string[];
  /** Default per-attempt timeout in seconds for checks without `timeout:` (default 30). */
  defaultTimeoutS?: number;
  /** Limit on each of stdout/stderr kept per command (characters, default 4000). */
  outputLimit?: number;
  /** The plan's sign-off environments, for `signoffs` checks. */
  signoffEnvironments?: SignoffEnvironment[];
}

export interface PreflightReport {
  results: CheckResult[];
  passed: number;
  total: number;
  ok: boolean;
  /** `9/9 PASS`, `7/9 FAIL`, `8/9 SIMULATED` */
  summaryLine: string;
  previousTag: string | null;
  started_at: string;
  duration_ms: number;
}

/** What a check kind sees: its config, the dependencies, and facts shared by all checks of one run. */
export interface CheckContext {
  check: PreflightCheckConfig;
  deps: PreflightDeps;
  options: Required<Pick<PreflightOptions, 'missingCommand' | 'outputLimit'>> & PreflightOptions;
  signal: AbortSignal;
  /** The timeout of this attempt in ms (for messages). */
  timeoutMs: number;
  shared: SharedFacts;
  /** Masks secrets in any text that is kept. */
  mask(text: string): string;
  /** Renders `{{version}}`-style placeholders of the run. */
  render(text: string, field: string): string;
  /** The placeholder values of the run (commands get them as `CANARY_*` variables). */
  context: TemplateContext;
  /** The full plan path of one of this check's fields, for messages: `preflight[2] (alert-rules).env`. */
  fieldOf(field: string): string;
}

/** Facts computed once per run, on first use, and shared by the checks that need them. */
export interface SharedFacts {
  previousTag(): Promise<string | null>;
  /** Files changed between the previous tag and HEAD; null when there is no previous tag to compare with. */
  changedFiles(): Promise<ChangedFile[] | null>;
}

export interface SignoffEnvironment {
  environment: string;
  /** Where the plan names it, e.g. `stages[0].environment`. */
  field: string;
  /** True for a stage with `signoff: required`: without reviewers that stage cannot run. */
  required: boolean;
}

export type { PreflightCheckConfig, PreflightKind };
