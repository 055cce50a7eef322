/**
 * Reading an HTTP answer the way every HTTP metric source must: up to a size cap (never an unbounded buffer), within
 * a timeout (a timeout and a connection error told apart), following redirects only within the configured origin,
 * and the body parsed as JSON without throwing. One request: the loop that asks again is request-loop.ts.
 */
import type { Attempted, RequestFailure } from './request-loop.js';

export interface GetRequest {
  headers: Record<string, string>;
  /** For the whole request: every redirect hop and the body. */
  timeoutMs: number;
  maxResponseBytes: number;
  fetch: typeof fetch;
  /**
   * Redirects followed only within this origin (at most MAX_REDIRECTS): an answer from elsewhere is not the
   * configured server's, and following it would hand the credentials to another host. 'refuse': none is followed
   * (for APIs that never redirect; fetch then fails, as a connection problem).
   */
  redirects: { within: string } | 'refuse';
  /** Said after "the answer is larger than N and was not read": what the user can do about it. */
  tooLargeHint: string;
}

/** An answer read in full, whatever its status: what a status means is the source's dialect. */
export interface HttpAnswer {
  status: number;
  ok: boolean;
  text: string;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * One GET, or a POST of `form` (for a request too long for a URL). Never throws: a timeout is 'timeout', a
 * connection problem 'unreachable' (worth asking again).
 */
export async function getAnswer(
  url: URL,
  request: GetRequest,
  form?: URLSearchParams,
): Promise<Attempted<HttpAnswer>> {
  try {
    const signal = AbortSignal.timeout(request.timeoutMs);
    const redirect = request.redirects === 'refuse' ? 'error' : 'manual';
    let target = url;
    let response: Response;
    for (let hop = 0; ; hop++) {
      response = await request.fetch(target, {
        method: form ? 'POST' : 'GET',
        ...(form ? { body: form } : {}),
        headers: request.headers,
        signal,
        redirect,
      });
      if (!REDIRECT_STATUSES.has(response.status) || request.redirects === 'refuse') break;
      await response.body?.cancel().catch(() => undefined);
      const next = redirectTarget(response, target, hop, request.redirects.within);
      if (typeof next === 'string') return { ok: false, reason: 'query-error', detail: next };
      target = next;
    }
    const text = await readCapped(response, request.maxResponseBytes);
    if (text === undefined)
      return {
        ok: false,
        reason: 'query-error',
        detail: `HTTP ${response.status}: the answer is larger than ${formatBytes(request.maxResponseBytes)} and was not read${request.tooLargeHint ? ` ${request.tooLargeHint}` : ''}`,
      };
    return { ok: true, value: { status: response.status, ok: response.ok, text } };
  } catch (e) {
    return transportFailure(e, request.timeoutMs);
  }
}

/** A request that threw: no answer within the timeout (not asked again: a slow server gets no more load), or no connection (asked again). */
export function transportFailure(e: unknown, timeoutMs: number): RequestFailure {
  if (isTimeout(e)) return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  return {
    ok: false,
    reason: 'unreachable',
    detail: `cannot connect (${connectionError(e)})`,
    retry: 'backoff',
  };
}

/** The next URL of a redirect within `origin`, or why the redirect is refused. */
function redirectTarget(response: Response, from: URL, hop: number, origin: string): URL | string {
  const location = response.headers.get('location');
  let next: URL | undefined;
  try {
    next = location ? new URL(location, from) : undefined;
  } catch {
    next = undefined;
  }
  if (!next) return `HTTP ${response.status} redirect without a usable Location`;
  if (next.origin !== origin)
    return `HTTP ${response.status} redirect to ${next.origin} refused (only redirects within ${origin} are followed: the answer must come from the configured server, and credentials must not go elsewhere)`;
  if (hop + 1 > MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects (a redirect loop?)`;
  return next;
}

export function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

export function connectionError(e: unknown): string {
  const cause = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object') {
    const c = cause as { code?: unknown; message?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (typeof c.message === 'string') return c.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The body as text, or undefined when it is larger than `max` bytes (reading stops there). */
export async function readCapped(response: Response, max: number): Promise<string | undefined> {
  const declared = Number.parseInt(response.headers.get('content-length') ?? '', 10);
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) {
    const text = await response.text();
    return Buffer.byteLength(text) > max ? undefined : text;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${bytes} bytes`;
}
