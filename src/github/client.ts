/**
 * The single octokit factory. Every capability that talks to GitHub builds its client here, so all of
 * them get the same throttling, retries, base URL, user agent, token masking and dry-run gate.
 */
import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import { ConfigurationError } from '../config/errors.js';
import { createWriteGate, isMutatingMethod, type WriteGate } from './write-gate.js';
import { registerSecret } from '../secrets/masker.js';

export type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubLog {
  info(message: string): void;
  warn(message: string): void;
  debug?(message: string): void;
}

export interface GitHubClientOptions {
  token: string;
  /** Defaults to `GITHUB_API_URL`, then https://api.github.com. */
  baseUrl?: string;
  userAgent?: string;
  dryRun: boolean;
  log: GitHubLog;
  /** Retries after a primary or secondary rate-limit answer, per request. Default 3. */
  maxRateLimitRetries?: number;
  /** Retries after a 5xx or a dropped connection, per request. Default 3. */
  maxServerErrorRetries?: number;
  /**
   * How many times faster than the wall clock the server's clock runs. Every wait the client takes
   * (retry-after, rate-limit reset, 5xx back-off, GitHub's recommended 1 s spacing of writes) is
   * divided by it. Always 1 against GitHub; the test emulator runs a scaled clock and the client
   * must agree with it, or the waits it asks for would be wrong by the same factor.
   */
  clockScale?: number;
  /** Registers the token with the runner's log masking. Defaults to core.setSecret inside Actions. */
  maskSecret?: (secret: string) => void;
}

export interface GitHubClient {
  readonly octokit: Octokit;
  readonly writer: WriteGate;
  readonly baseUrl: string;
  readonly dryRun: boolean;
}

export const DEFAULT_USER_AGENT = 'canary-conductor';

function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigurationError(`${name}: expected a positive number, got ${String(value)}`);
  }
  return value;
}

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigurationError(`${name}: expected a whole number >= 0, got ${String(value)}`);
  }
  return value;
}

function resolveBaseUrl(explicit: string | undefined): string {
  const raw = explicit ?? process.env['GITHUB_API_URL'] ?? 'https://api.github.com';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(
      `baseUrl: expected an http(s) URL such as https://api.github.com, got "${raw}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`baseUrl: expected an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * GitHub asks clients to stop sending after a rate-limit answer until the wait is over; the
 * throttling plugin only delays the request that was refused. This pause holds every request of the
 * client until the longest wait announced so far has passed.
 */
function createRateLimitPause() {
  let resumeAt = 0;
  return {
    extend(waitMs: number): void {
      resumeAt = Math.max(resumeAt, Date.now() + waitMs);
    },
    async wait(): Promise<void> {
      for (let remaining = resumeAt - Date.now(); remaining > 0; remaining = resumeAt - Date.now()) {
        await new Promise((resolve) => setTimeout(resolve, remaining));
      }
    },
  };
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  if (typeof options.token !== 'string' || options.token.trim() === '') {
    throw new ConfigurationError(
      'token: expected a non-empty GitHub token (input `token`, default the workflow token)',
    );
  }
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const clockScale = positiveNumber('clockScale', options.clockScale, 1);
  const maxRateLimitRetries = nonNegativeInteger('maxRateLimitRetries', options.maxRateLimitRetries, 3);
  const maxServerErrorRetries = nonNegativeInteger('maxServerErrorRetries', options.maxServerErrorRetries, 3);
  const { log, dryRun } = options;

  const mask = options.maskSecret ?? (process.env['GITHUB_ACTIONS'] === 'true' ? core.setSecret : undefined);
  // Outside Actions, setSecret would print the token to stdout as `::add-mask::`, so it is skipped there.
  mask?.(options.token);
  // The run's one masker learns it too, so evidence, summaries and outputs mask it (the runner masks only logs).
  registerSecret(options.token);

  const msPerSecond = 1000 / clockScale;
  const pause = createRateLimitPause();

  // Registered before retry and throttling, so it runs on every attempt, including their retries.
  const guardPlugin = (octokit: {
    hook: { before: (name: 'request', fn: (o: { method: string; url: string }) => Promise<void>) => void };
  }) => {
    octokit.hook.before('request', async (request) => {
      if (dryRun && isMutatingMethod(request.method)) {
        throw new Error(
          `dry-run: refused to send ${request.method} ${request.url}; every write must go through the write gate`,
        );
      }
      await pause.wait();
    });
    return {};
  };

  const onLimit =
    (kind: string) =>
    (
      retryAfterSeconds: number,
      request: { method: string; url: string },
      _octokit: unknown,
      retryCount: number,
    ): boolean => {
      const waitMs = retryAfterSeconds * msPerSecond;
      if (retryCount >= maxRateLimitRetries) {
        log.warn(
          `${kind} rate limit on ${request.method} ${request.url}: giving up after ${retryCount} retries`,
        );
        return false;
      }
      pause.extend(waitMs);
      log.warn(
        `${kind} rate limit on ${request.method} ${request.url}: waiting ${retryAfterSeconds}s` +
          `${clockScale === 1 ? '' : ` (${Math.round(waitMs)} ms at clock scale ${clockScale})`}, retry ${retryCount + 1}/${maxRateLimitRetries}`,
      );
      return true;
    };

  const octokit = getOctokit(
    options.token,
    {
      baseUrl,
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      log: {
        debug: (message: string) => log.debug?.(message),
        info: (message: string) => log.debug?.(message),
        warn: (message: string) => log.warn(message),
        error: (message: string) => log.warn(message),
      },
      throttle: {
        id: 'canary-conductor',
        retryAfterBaseValue: msPerSecond,
        // The plugin's default groups are shared by every client in the process and pace writes 1 s
        // apart and notification-triggering writes 3 s apart (GitHub's advice); own groups keep that
        // spacing on the client's clock.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: (1000 * msPerSecond) / 1000 }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: (3000 * msPerSecond) / 1000 }),
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
      },
      retry: {
        retries: maxServerErrorRetries,
        retryAfterBaseValue: msPerSecond,
        // 429 is left to the throttling plugin, which honours retry-after; the retry plugin's own
        // back-off (1 s, 4 s, 9 s) would come back before GitHub said to.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
    },
    guardPlugin as never,
    retry,
    throttling,
  );

  return { octokit, writer: createWriteGate({ dryRun, log }), baseUrl, dryRun };
}
