/**
 * Runs a plan's preflight checks: concurrently (bounded; blast-radius probes afterwards, alone), each attempt under its own timeout, failed attempts
 * retried as the check says, every outcome turned into a CheckResult that says what was expected and what was
 * seen. A check that throws is an `error` result, never a crash of the whole preflight and never a pass.
 */
import {
  chosenKind,
  ConfigurationError,
  getErrorMessage,
  renderTemplate,
  type PreflightCheckConfig,
  type PreflightKind,
  PREFLIGHT_KINDS,
  type TemplateContext,
} from '../config/index.js';
import { calendarCheck } from './checks/calendar.js';
import { signoffsCheck } from './checks/signoffs.js';
import { githubCheck } from './checks/github.js';
import { httpCheck } from './checks/http.js';
import { queryCheck } from './checks/query.js';
import { runCheck } from './checks/run.js';
import { schemaDiffCheck } from './checks/schema-diff.js';
import { runSecrets } from '../secrets/masker.js';
import { summaryLine } from './report.js';
import type { ChangedFile } from './git.js';
import type {
  CheckContext,
  CheckResult,
  CheckVerdict,
  PreflightDeps,
  PreflightOptions,
  PreflightReport,
  SharedFacts,
} from './types.js';

const CHECKS: Record<PreflightKind, (ctx: CheckContext) => Promise<CheckVerdict>> = {
  http: httpCheck,
  run: runCheck,
  query: queryCheck,
  // The old name of `query`, kept as an alias: the same check.
  promql: queryCheck,
  schema_diff: schemaDiffCheck,
  github: githubCheck,
  calendar: calendarCheck,
  signoffs: signoffsCheck,
};

const DEFAULT_TIMEOUT_S = 30;
const DEFAULT_CONCURRENCY = 8;
const DEFAULT_OUTPUT_LIMIT = 4000;
/** How long a check may take to wind down after its timeout aborted it (to report partial results). */
const ABORT_GRACE_MS = 2000;
const RETRY_DELAY_MS = 500;

export function kindOf(check: PreflightCheckConfig): PreflightKind {
  const choice = chosenKind(check, PREFLIGHT_KINDS, 'kind per check');
  if (!choice.ok) throw new ConfigurationError(`preflight ${check.name}: ${choice.problem}`);
  return choice.kind;
}

function memo<T>(f: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= f());
}

export function createSharedFacts(deps: PreflightDeps, options: PreflightOptions): SharedFacts {
  const previousTag = memo(async () => {
    if (options.previousTag !== undefined) {
      if (!(await deps.git.refExists(options.previousTag))) {
        throw new ConfigurationError(
          `--previous-tag: ${options.previousTag} does not name a commit in this repository (a shallow checkout? use fetch-depth: 0)`,
        );
      }
      return options.previousTag;
    }
    return deps.git.previousTag();
  });
  const changedFiles = memo(async (): Promise<ChangedFile[] | null> => {
    const tag = await previousTag();
    return tag === null ? null : deps.git.changedFiles(tag);
  });
  return { previousTag, changedFiles };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runPreflight(
  checks: PreflightCheckConfig[],
  deps: PreflightDeps,
  options: PreflightOptions,
): Promise<PreflightReport> {
  const started = deps.clock.now();
  const stopwatch = deps.stopwatch ?? (() => performance.now());
  const startedMs = stopwatch();
  const opts = { missingCommand: 'error' as const, outputLimit: DEFAULT_OUTPUT_LIMIT, ...options };
  const shared = createSharedFacts(deps, opts);
  // The run's one masker: what this preflight knows (the env's secret-looking variables, the tokens passed in)
  // joins what the plan and the entry registered, so kept output is masked with every secret of the run.
  runSecrets.addFromEnv(deps.env);
  for (const secret of opts.secrets ?? []) runSecrets.add(secret);
  const mask = (text: string): string => runSecrets.mask(text);
  let previousTag: string | null = null;
  let previousTagError: string | undefined;
  try {
    previousTag = checks.some(
      (c) => c.schema_diff || c.github || c.calendar || JSON.stringify(c).includes('previous_tag'),
    )
      ? await shared.previousTag()
      : null;
  } catch (e) {
    previousTagError = getErrorMessage(e);
  }

  const results: CheckResult[] = new Array<CheckResult>(checks.length);
  // Latency probes run after the other checks, one at a time: spawning commands and git in the same process
  // stalls its event loop, and a p95 measured meanwhile would be our own stall, not the service's latency.
  const exclusive = (c: PreflightCheckConfig) => c.http?.requests !== undefined;
  const concurrent = checks.map((_c, i) => i).filter((i) => !exclusive(checks[i]!));
  const alone = checks.map((_c, i) => i).filter((i) => exclusive(checks[i]!));
  const worker = async () => {
    for (let i = concurrent.shift(); i !== undefined; i = concurrent.shift()) {
      results[i] = await runOne(checks[i]!, i);
    }
  };

  async function runOne(check: PreflightCheckConfig, index: number): Promise<CheckResult> {
    const t0 = stopwatch();
    let kind: PreflightKind;
    try {
      kind = kindOf(check);
    } catch (e) {
      return {
        name: check.name,
        kind: 'run',
        ok: false,
        status: 'error',
        expected: '-',
        observed: '-',
        message: getErrorMessage(e),
        duration_ms: 0,
        attempts: 0,
      };
    }
    const timeoutMs = Math.round((check.timeout ?? opts.defaultTimeoutS ?? DEFAULT_TIMEOUT_S) * 1000);
    const maxAttempts = 1 + (check.retries ?? 0);
    const context: TemplateContext = {
      version: opts.version,
      service: opts.service,
      ...(previousTag ? { previous_tag: previousTag } : {}),
    };
    const fieldOf = (field: string) => `preflight[${index}] (${check.name}).${field}`;
    const render = (text: string, field: string) => renderTemplate(text, context, fieldOf(field));
    let verdict: CheckVerdict | undefined;
    let attempts = 0;
    while (attempts < maxAttempts) {
      attempts++;
      if (attempts > 1) await sleep(RETRY_DELAY_MS * (attempts - 1));
      let thrown = false;
      verdict = await attempt(kind, check, timeoutMs, render, context, fieldOf).catch((e: unknown) => {
        thrown = true;
        return {
          status: 'error' as const,
          expected: '-',
          observed: 'the check could not run',
          message: `${check.name}: ${getErrorMessage(e)}`,
        };
      });
      if (verdict.status === 'pass' || verdict.status === 'simulated') break;
      // A returned `error` is a setup problem (missing command, no client) that another attempt will not fix.
      if (verdict.status === 'error' && !thrown) break;
      if (previousTagError && (kind === 'schema_diff' || kind === 'github' || kind === 'calendar')) break;
    }
    const v = verdict!;
    const suffix = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    return {
      name: check.name,
      kind,
      ok: v.status === 'pass',
      status: v.status,
      expected: mask(v.expected),
      observed: mask(v.observed),
      message: mask(v.message) + (v.status === 'pass' ? '' : suffix),
      duration_ms: Math.round(stopwatch() - t0),
      attempts,
      ...(v.output ? { output: v.output } : {}),
      ...(v.details !== undefined ? { details: v.details } : {}),
    };
  }

  async function attempt(
    kind: PreflightKind,
    check: PreflightCheckConfig,
    timeoutMs: number,
    render: CheckContext['render'],
    context: TemplateContext,
    fieldOf: (field: string) => string,
  ): Promise<CheckVerdict> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    const ctx: CheckContext = {
      check,
      deps,
      options: opts,
      signal: controller.signal,
      timeoutMs,
      shared,
      mask,
      render,
      context,
      fieldOf,
    };
    let graceTimer: NodeJS.Timeout | undefined;
    const hardStop = new Promise<CheckVerdict>((resolve) => {
      controller.signal.addEventListener('abort', () => {
        graceTimer = setTimeout(
          () =>
            resolve({
              status: 'fail',
              expected: `an answer within ${timeoutMs} ms`,
              observed: 'no answer',
              message: `${check.name} did not finish within its timeout of ${timeoutMs} ms`,
            }),
          ABORT_GRACE_MS,
        );
      });
    });
    try {
      return await Promise.race([CHECKS[kind](ctx), hardStop]);
    } finally {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
    }
  }

  await Promise.all(
    Array.from(
      { length: Math.max(1, Math.min(opts.concurrency ?? DEFAULT_CONCURRENCY, concurrent.length)) },
      worker,
    ),
  );
  for (const i of alone) results[i] = await runOne(checks[i]!, i);
  const passed = results.filter((r) => r.status === 'pass').length;
  const failed = results.some((r) => r.status === 'fail' || r.status === 'error');
  return {
    results,
    passed,
    total: results.length,
    ok: !failed,
    summaryLine: summaryLine(results),
    previousTag,
    started_at: started.toISOString(),
    duration_ms: Math.round(stopwatch() - startedMs),
  };
}
