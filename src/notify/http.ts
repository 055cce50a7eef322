/**
 * One bounded POST for every channel: a time limit per attempt, a fixed number of attempts, retries only where the
 * receiver asks for them (429, 5xx, no answer) and a capped wait between them (Retry-After when given). The URL
 * never appears in what it returns: for chat webhooks the URL is the credential.
 */
import { getErrorMessage } from '../config/index.js';

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface PostOptions {
  fetch: Fetch;
  timeoutMs: number;
  /** 1 = no retry. */
  attempts: number;
  /** Upper bound of one wait between attempts. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type PostOutcome =
  | { ok: true; status: number; text: string; attempts: number }
  | { ok: false; status: number | null; text: string; reason: string; attempts: number };

const BASE_DELAY_MS = 250;
const DEFAULT_MAX_DELAY_MS = 2_000;

export async function postBounded(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: PostOptions,
): Promise<PostOutcome> {
  const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  const maxDelay = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  let last: PostOutcome = { ok: false, status: null, text: '', reason: 'not sent', attempts: 0 };
  for (let attempt = 1; attempt <= Math.max(1, options.attempts); attempt++) {
    let retryAfterMs: number | null = null;
    try {
      const response = await options.fetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text().catch(() => '');
      if (response.ok) return { ok: true, status: response.status, text, attempts: attempt };
      last = {
        ok: false,
        status: response.status,
        text,
        reason: `HTTP ${response.status}`,
        attempts: attempt,
      };
      if (!retryable(response.status)) return last;
      retryAfterMs = retryAfter(response.headers.get('retry-after'));
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const reason =
        err.name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs} ms`
          : (err.cause?.code ?? err.cause?.message ?? getErrorMessage(e));
      // Some fetch errors quote the URL.
      last = {
        ok: false,
        status: null,
        text: '',
        reason: reason.split(url).join('<url>'),
        attempts: attempt,
      };
    }
    if (attempt < options.attempts)
      await sleep(Math.min(maxDelay, retryAfterMs ?? BASE_DELAY_MS * 2 ** (attempt - 1)));
  }
  return last;
}

function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}
