/**
 * An in-process GitHub REST emulator: real HTTP on 127.0.0.1 (port 0), GitHub's documented
 * response shapes (held to the official OpenAPI description by the contract tests), stateful and seeded
 * per test, with injectable faults and an optional policy mode that enforces GitHub's secondary
 * rate limits on a scaled clock. Always on, as on GitHub: the primary rate limit per token with
 * `x-ratelimit-*` on every answer, and, for tokens given permissions, 403 `Resource not accessible
 * by integration` for a write outside them. Every request is recorded.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createScaledClock, type EmulatedClock } from './clock.js';
import {
  FaultTable,
  PRIMARY_LIMIT_DOCS,
  SECONDARY_LIMIT_DOCS,
  SECONDARY_LIMIT_MESSAGE,
  type Fault,
  type FaultHandle,
  type FaultScope,
} from './faults.js';
import { checkWrite, NOT_ACCESSIBLE, type JobPermissions } from './permissions.js';
import { GITHUB_SECONDARY_LIMITS, SecondaryLimitPolicy, type PolicyLimits } from './policy.js';
import {
  DEFAULT_PRIMARY_LIMIT,
  PrimaryLimits,
  rateLimitHeaders,
  UNAUTHENTICATED_PRIMARY_LIMIT,
} from './primary-limit.js';
import { policyReport, type PolicyReport, type RecordedRequest } from './request-log.js';
import { createRouteMatcher, matchRoute, ROUTES } from './routes.js';
import type { Route, RouteAnswer } from './route.js';
import { errorBody } from './shapes.js';
import { EmulatorState, type EmulatorSeed } from './state.js';

export type {
  EmulatorSeed,
  SeedPull,
  SeedIssue,
  SeedApproval,
  SeedEnvironment,
  SeedRelease,
  SeedStatus,
} from './state.js';
export { EmulatorState, fakeSha } from './state.js';
export type { Fault, FaultScope, FaultHandle } from './faults.js';
export type { PolicyLimits } from './policy.js';
export { GITHUB_SECONDARY_LIMITS } from './policy.js';
export type { RecordedRequest, PolicyReport } from './request-log.js';
export { policyReport, maxInSlidingWindow, maxOverlap } from './request-log.js';
export { ROUTES } from './routes.js';
export { createScaledClock, type EmulatedClock } from './clock.js';
export {
  jobPermissions,
  jobToken,
  WRITE_PERMISSIONS,
  NOT_ACCESSIBLE,
  type JobPermissions,
} from './permissions.js';
export {
  DEFAULT_PRIMARY_LIMIT,
  GITHUB_TOKEN_PRIMARY_LIMIT,
  UNAUTHENTICATED_PRIMARY_LIMIT,
} from './primary-limit.js';

/** What one token may do. */
export interface TokenGrant {
  /** The `permissions:` of the job that would hold the token; left out, the token may write anything. */
  permissions?: JobPermissions;
  /** Requests per hour (GITHUB_TOKEN_PRIMARY_LIMIT for a workflow token); default the emulator's `primaryLimit`. */
  primaryLimit?: number;
}

export interface GitHubEmulatorOptions {
  seed?: EmulatorSeed;
  /** When set, requests must carry `token <it>` or `Bearer <it>`, else 401 as GitHub answers. */
  token?: string;
  /** The tokens accepted, each with its grant; when set, any other token is 401 (with `token`, that one too). */
  tokens?: Record<string, TokenGrant>;
  /** Requests per hour for a token without its own limit. Default 5,000 (a user or GitHub App token). */
  primaryLimit?: number;
  /** Emulated ms per real ms (see clock.ts). The client must be built with the same clockScale. Default 1. */
  clockScale?: number;
  /** Enforce GitHub's secondary rate limits (true: the published ones). */
  policy?: boolean | Partial<PolicyLimits>;
  /**
   * Refuses request bodies that GitHub's OpenAPI description rejects, with 422 as GitHub does. The tests pass the
   * contract validator; `simulate` (shipped without the OpenAPI description) runs without one.
   */
  validateRequestBody?: RequestBodyValidator;
  /** Emulated time from outside (simulate's virtual clock); default a clock scaled by `clockScale`. */
  clock?: EmulatedClock;
  /** Routes served besides ROUTES (e.g. RULESET_ROUTES), checked, limited and logged like them. */
  extraRoutes?: Route[];
}

export interface GitHubEmulator {
  /** API base URL (GITHUB_API_URL), no trailing slash. */
  readonly url: string;
  /** Web base URL (GITHUB_SERVER_URL); the same origin. */
  readonly serverUrl: string;
  /** `owner/repo` (GITHUB_REPOSITORY). */
  readonly repository: string;
  readonly state: EmulatorState;
  /** Every request answered so far, in completion order. */
  readonly requests: RecordedRequest[];
  readonly clock: EmulatedClock;
  setFault(fault: Fault, scope?: FaultScope): FaultHandle;
  clearFaults(): void;
  /** The requests answered by one operation, e.g. `issues/add-labels`. */
  requestsFor(operationId: string): RecordedRequest[];
  /** Secondary-limit figures recomputed from the log alone. */
  policyReport(): PolicyReport;
  close(): Promise<void>;
}

export type RequestBodyValidator = (
  operationId: string,
  body: unknown,
) => { valid: boolean; errors: string[] };

const CONTENT_CREATING = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function maskAuthorization(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const scheme = value.split(' ')[0];
  return `${scheme} ***`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const clock = options.clock ?? createScaledClock(options.clockScale ?? 1);
  const isoNow = () => new Date(Math.floor(clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const state = new EmulatorState(options.seed ?? {}, isoNow);
  const faults = new FaultTable();
  const limits =
    options.policy === true
      ? GITHUB_SECONDARY_LIMITS
      : options.policy
        ? { ...GITHUB_SECONDARY_LIMITS, ...options.policy }
        : undefined;
  const policy = limits ? new SecondaryLimitPolicy(limits) : undefined;
  const primary = new PrimaryLimits();
  const defaultPrimaryLimit = options.primaryLimit ?? DEFAULT_PRIMARY_LIMIT;
  const grants = new Map<string, TokenGrant>(Object.entries(options.tokens ?? {}));
  if (options.token !== undefined && !grants.has(options.token)) grants.set(options.token, {});
  const tokensRequired = grants.size > 0;
  const validateRequestBody = options.validateRequestBody;
  const requests: RecordedRequest[] = [];
  const match = options.extraRoutes ? createRouteMatcher([...ROUTES, ...options.extraRoutes]) : matchRoute;
  let seq = 0;
  let inFlight = 0;
  let base = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    inFlight += 1;
    const realArrival = clock.realElapsed();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const requestId = randomUUID().slice(0, 18).toUpperCase();
    const entry: RecordedRequest = {
      seq: (seq += 1),
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      operationId: null,
      params: {},
      userAgent: req.headers['user-agent'],
      authorization: maskAuthorization(req.headers.authorization),
      accept: req.headers.accept,
      body: undefined,
      status: 0,
      responseHeaders: {},
      responseBody: undefined,
      contentCreating: CONTENT_CREATING.has(method),
      inFlightAtArrival: 0,
      emulatedArrival: 0,
      emulatedEnd: 0,
      realArrival,
      realEnd: 0,
      outcome: 'route',
    };
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      entry.realEnd = clock.realElapsed();
      entry.emulatedEnd = clock.now();
      requests.push(entry);
    };
    res.on('close', finish);

    let rateHeaders: Record<string, string> = {};
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}, text?: string) => {
      const payload = text ?? JSON.stringify(body);
      const all: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        'x-github-api-version-selected': '2022-11-28',
        'x-github-request-id': requestId,
        ...rateHeaders,
        ...headers,
      };
      entry.status = status;
      entry.responseHeaders = all;
      entry.responseBody = text === undefined ? body : text;
      res.writeHead(status, { ...all, 'content-length': String(Buffer.byteLength(payload)) });
      res.end(payload);
    };

    let raw: string;
    try {
      raw = await readBody(req);
    } catch {
      answer(413, errorBody('Request body too large'));
      return;
    }
    if (raw.length > 0) {
      try {
        entry.body = JSON.parse(raw);
      } catch {
        answer(400, errorBody('Problems parsing JSON'));
        return;
      }
    }

    const matched = match(method, path);
    entry.operationId = matched?.route.operationId ?? null;
    entry.params = matched?.params ?? {};

    // Who is asking, and the primary limit of that token (or of the anonymous caller), counted on arrival.
    const given = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const grant = given === undefined ? undefined : tokensRequired ? grants.get(given) : {};
    const authenticated = grant !== undefined;
    const rate = primary.admit(
      authenticated ? `token:${given}` : 'anonymous',
      authenticated ? (grant.primaryLimit ?? defaultPrimaryLimit) : UNAUTHENTICATED_PRIMARY_LIMIT,
      clock.now(),
    );
    rateHeaders = rateLimitHeaders(rate.state, clock.now(), Date.now());

    const applied = faults.take(method, path, entry.operationId);
    for (const fault of applied) if (fault.kind === 'latency') await sleep(fault.ms);
    entry.emulatedArrival = clock.now();
    entry.inFlightAtArrival = inFlight;

    const terminal = applied.find((f) => f.kind !== 'latency');
    if (terminal) {
      entry.outcome = 'fault';
      entry.fault = terminal.kind;
      switch (terminal.kind) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'status':
          answer(terminal.status ?? 500, errorBody(terminal.message ?? 'Server Error'));
          return;
        case 'primary-rate-limit': {
          const reset = Math.ceil(Date.now() / 1000) + (terminal.resetInSeconds ?? 1);
          answer(
            403,
            errorBody(
              `API rate limit exceeded for installation ID ${state.repoId}.`,
              PRIMARY_LIMIT_DOCS,
              403,
            ),
            {
              'x-ratelimit-limit': '5000',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-used': '5000',
              'x-ratelimit-reset': String(reset),
              'x-ratelimit-resource': 'core',
            },
          );
          return;
        }
        case 'secondary-rate-limit':
          answer(
            terminal.status ?? 403,
            errorBody(SECONDARY_LIMIT_MESSAGE.replace('{id}', requestId), SECONDARY_LIMIT_DOCS),
            terminal.retryAfterSeconds === null
              ? {}
              : { 'retry-after': String(terminal.retryAfterSeconds ?? 60) },
          );
          return;
      }
    }

    if (tokensRequired && !authenticated) {
      answer(401, errorBody('Bad credentials', 'https://docs.github.com/rest', 401));
      return;
    }
    if (!rate.accepted) {
      entry.outcome = 'primary-limit';
      answer(
        403,
        errorBody(
          authenticated
            ? `API rate limit exceeded for installation ID ${state.repoId}.`
            : "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
          PRIMARY_LIMIT_DOCS,
          403,
        ),
      );
      return;
    }

    if (policy) {
      const verdict = policy.admit(entry.emulatedArrival, entry.contentCreating, inFlight);
      if (!verdict.accepted) {
        entry.outcome = 'secondary-limit';
        entry.limit = verdict.limit;
        answer(
          verdict.status,
          errorBody(SECONDARY_LIMIT_MESSAGE.replace('{id}', requestId), SECONDARY_LIMIT_DOCS),
          verdict.retryAfterSeconds === null ? {} : { 'retry-after': String(verdict.retryAfterSeconds) },
        );
        return;
      }
    }

    if (!matched) {
      entry.outcome = 'no-route';
      answer(404, errorBody('Not Found', 'https://docs.github.com/rest', 404));
      return;
    }
    const { owner, repo } = matched.params;
    if (
      owner?.toLowerCase() !== state.owner.toLowerCase() ||
      repo?.toLowerCase() !== state.repo.toLowerCase()
    ) {
      answer(404, errorBody('Not Found', 'https://docs.github.com/rest', 404));
      return;
    }
    if (entry.contentCreating && grant?.permissions) {
      const verdict = checkWrite(matched.route.operationId, grant.permissions);
      if (!verdict.allowed && verdict.reason === 'no-rule') {
        answer(
          599,
          errorBody(
            `emulator error: no permission rule for ${matched.route.operationId}; add it to src/github-emulator/permissions.ts`,
          ),
        );
        return;
      }
      if (!verdict.allowed) {
        entry.outcome = 'forbidden';
        answer(403, errorBody(NOT_ACCESSIBLE, 'https://docs.github.com/rest', 403));
        return;
      }
    }
    if (validateRequestBody && entry.contentCreating && entry.body !== undefined) {
      const check = validateRequestBody(matched.route.operationId, entry.body);
      if (!check.valid) {
        answer(422, {
          message: `Invalid request.\n\n${check.errors.join('\n')}`,
          documentation_url: 'https://docs.github.com/rest',
          status: '422',
        });
        return;
      }
    }
    let result: RouteAnswer;
    try {
      result = matched.route.handle({
        params: matched.params,
        query: url.searchParams,
        body: entry.body,
        accept: req.headers.accept,
        state,
        shaper: { state, api: base, html: base },
        url: new URL(`${base}${url.pathname}${url.search}`),
      });
    } catch (error) {
      // An emulator bug must fail the test loudly, not look like a GitHub outage the client retries.
      answer(
        599,
        errorBody(
          `emulator error in ${matched.route.operationId}: ${error instanceof Error ? error.stack : String(error)}`,
        ),
      );
      return;
    }
    answer(result.status, result.body, result.headers, result.text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(599, { 'content-type': 'application/json' });
        res.end(JSON.stringify(errorBody(`emulator failure: ${String(error)}`)));
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    serverUrl: base,
    repository: `${state.owner}/${state.repo}`,
    state,
    requests,
    clock,
    setFault: (fault, scope) => faults.add(fault, scope),
    clearFaults: () => faults.clear(),
    requestsFor: (operationId) => requests.filter((r) => r.operationId === operationId),
    policyReport: () => policyReport(requests),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
