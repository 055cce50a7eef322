/**
 * A thin client of the Alertmanager v2 API (the calls `amtool silence add|query|expire` make): list silences
 * with a matcher filter, create or update one, expire one. Every request has a time limit, and a failure names
 * the Alertmanager, the call and what came back.
 */
import { ConfigurationError } from '../config/errors.js';

export interface SilenceMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

export interface Silence {
  id: string;
  status: { state: 'active' | 'pending' | 'expired' | string };
  matchers: SilenceMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  updatedAt?: string;
}

export interface PostableSilence {
  /** Given: update that silence (Alertmanager keeps the id when only endsAt/comment change). */
  id?: string;
  matchers: SilenceMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

export interface AlertmanagerClient {
  readonly url: string;
  listSilences(filter?: Record<string, string>): Promise<Silence[]>;
  /** Returns the silence id. */
  postSilence(silence: PostableSilence): Promise<string>;
  expireSilence(id: string): Promise<void>;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class AlertmanagerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlertmanagerError';
  }
}

export function createAlertmanagerClient(options: {
  url: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}): AlertmanagerClient {
  let base: URL;
  try {
    base = new URL(options.url);
  } catch {
    throw new ConfigurationError(
      `silence.alertmanager: expected an http(s) URL such as http://127.0.0.1:9093, got "${options.url}"`,
    );
  }
  const url = base.toString().replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let response: Response;
    try {
      response = await doFetch(`${url}${path}`, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new AlertmanagerError(
        `alertmanager ${url}: ${method} ${path.split('?')[0]} failed: ${(e as Error).message}`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      throw new AlertmanagerError(
        `alertmanager ${url}: ${method} ${path.split('?')[0]} answered HTTP ${response.status}: ${text.trim().slice(0, 300)}`,
      );
    }
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new AlertmanagerError(
        `alertmanager ${url}: ${method} ${path.split('?')[0]} answered non-JSON: ${text.slice(0, 200)}`,
      );
    }
  };

  return {
    url,
    async listSilences(filter = {}) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(filter))
        params.append('filter', `${name}=${JSON.stringify(value)}`);
      const query = params.toString();
      const answer = await call('GET', `/api/v2/silences${query ? `?${query}` : ''}`);
      if (!Array.isArray(answer))
        throw new AlertmanagerError(`alertmanager ${url}: GET /api/v2/silences did not return a list`);
      return answer as Silence[];
    },
    async postSilence(silence) {
      const answer = (await call('POST', '/api/v2/silences', silence)) as { silenceID?: unknown } | null;
      if (!answer || typeof answer.silenceID !== 'string') {
        throw new AlertmanagerError(`alertmanager ${url}: POST /api/v2/silences returned no silenceID`);
      }
      return answer.silenceID;
    },
    async expireSilence(id) {
      await call('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
    },
  };
}
