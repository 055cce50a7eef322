/**
 * The feature-flag provider (as one would call it by hand: `curl -X POST .../api/features/rollout -d '{"feature":"v1.4.0","percentage":1}'`).
 * The body, URL and headers are templates (`{{weight}}`, `{{version}}`, `{{stage}}`, `{{flow}}`); the token comes
 * from an environment variable as a bearer header and is never part of a detail, log line or error.
 *
 * Per-flow shares: when the URL or body mentions `{{flow}}`, one request per flow is sent with that flow's share as
 * `{{weight}}`; otherwise one request carries the whole-canary weight.
 */
import {
  ConfigurationError,
  parseDecimal,
  renderTemplate,
  type TemplateContext,
  type TrafficSettings,
} from '../config/index.js';
import type { FetchLike } from '../alertmanager/client.js';
import { TrafficError, sameWeight } from './types.js';
import type { ReadBack, Share, TrafficContext, TrafficProvider } from './types.js';

export type HttpTrafficSettings = NonNullable<TrafficSettings['http']>;

export interface HttpProviderDeps {
  fetch?: FetchLike;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export const DEFAULT_HTTP_BODY = '{"version":"{{version}}","weight":{{weight}}}';

const WEIGHT_KEYS = ['weight', 'percentage', 'percent', 'canary_weight', 'rollout'];

/** The weight in a read-back answer: a bare number, or the first of weight/percentage/percent/canary_weight/rollout. */
export function weightFromAnswer(answer: unknown): number | undefined {
  if (typeof answer === 'number' && Number.isFinite(answer)) return answer;
  if (typeof answer === 'string' && Number.isFinite(parseDecimal(answer))) return parseDecimal(answer);
  if (answer && typeof answer === 'object') {
    for (const key of WEIGHT_KEYS) {
      const value = weightFromAnswer((answer as Record<string, unknown>)[key]);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

export function createHttpProvider(
  settings: HttpTrafficSettings,
  deps: HttpProviderDeps = {},
): TrafficProvider {
  const doFetch = deps.fetch ?? fetch;
  const env = deps.env ?? process.env;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const bodyTemplate = settings.body ?? DEFAULT_HTTP_BODY;
  const perFlow = /\{\{\s*flow\s*\}\}/.test(settings.url + bodyTemplate);

  const authHeaders = (): Record<string, string> => {
    if (!settings.token_env) return {};
    const token = env[settings.token_env];
    if (!token)
      throw new ConfigurationError(
        `traffic.http.token_env: environment variable ${settings.token_env} is not set (expected the feature-flag API token)`,
      );
    return { authorization: `Bearer ${token}` };
  };

  const contextFor = (ctx: TrafficContext, weight: number, flow?: string): TemplateContext => ({
    version: ctx.version,
    weight,
    ...(ctx.stage ? { stage: ctx.stage } : {}),
    ...(ctx.service ? { service: ctx.service } : {}),
    ...(flow ? { flow } : {}),
  });

  const targets = (share: Share): Array<{ flow?: string; weight: number }> =>
    perFlow
      ? Object.entries(share.flows ?? {}).map(([flow, weight]) => ({ flow, weight }))
      : [{ weight: share.weight }];

  const readOne = async (url: string, label: string): Promise<number> => {
    const headers = { accept: 'application/json', ...authHeaders() };
    let response: Response;
    try {
      response = await doFetch(url, { method: 'GET', headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      throw new TrafficError(`traffic.http.read_back: GET ${url} failed${label}: ${(e as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok)
      throw new TrafficError(`traffic.http.read_back: GET ${url} answered HTTP ${response.status}${label}`);
    let answer: unknown = text;
    try {
      answer = JSON.parse(text);
    } catch {
      // A bare number as text is accepted below.
    }
    const weight = weightFromAnswer(answer);
    if (weight === undefined) {
      throw new TrafficError(
        `traffic.http.read_back: GET ${url} returned no weight${label} (expected a number or JSON with one of ${WEIGHT_KEYS.join(', ')}): ${text.slice(0, 120)}`,
      );
    }
    return weight;
  };

  const read = async (ctx: TrafficContext, share?: Share): Promise<ReadBack> => {
    if (!settings.read_back)
      throw new TrafficError('traffic.http: no read_back URL is configured, so the weight cannot be read');
    if (/\{\{\s*flow\s*\}\}/.test(settings.read_back)) {
      const flows = Object.keys(share?.flows ?? {});
      if (flows.length === 0)
        throw new TrafficError(
          'traffic.http.read_back mentions {{flow}} but no flows are known for this read',
        );
      const out: Record<string, number> = {};
      for (const flow of flows) {
        out[flow] = await readOne(
          renderTemplate(settings.read_back, contextFor(ctx, 0, flow), 'traffic.http.read_back'),
          ` (flow ${flow})`,
        );
      }
      return out;
    }
    return readOne(
      renderTemplate(settings.read_back, contextFor(ctx, share?.weight ?? 0), 'traffic.http.read_back'),
      '',
    );
  };

  return {
    describe: () => `feature flag ${settings.method} ${settings.url}`,
    read: (ctx) => read(ctx),
    async set(share, ctx) {
      const list = targets(share);
      if (perFlow && list.length === 0) {
        throw new ConfigurationError(
          'traffic.http: the URL or body mentions {{flow}} but this share has no per-flow values',
        );
      }
      const sent: string[] = [];
      for (const target of list) {
        const context = contextFor(ctx, target.weight, target.flow);
        const url = renderTemplate(settings.url, context, 'traffic.http.url');
        const body = renderTemplate(bodyTemplate, context, 'traffic.http.body');
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        for (const [name, value] of Object.entries(settings.headers ?? {}))
          headers[name] = renderTemplate(value, context, `traffic.http.headers.${name}`);
        const label = target.flow ? ` (flow ${target.flow})` : '';
        if (ctx.dryRun) {
          sent.push(`would ${settings.method} ${url} ${body}${label}`);
          continue;
        }
        Object.assign(headers, authHeaders());
        let response: Response;
        try {
          response = await doFetch(url, {
            method: settings.method,
            headers,
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (e) {
          const cause = (e as { cause?: { code?: string } }).cause?.code;
          throw new TrafficError(
            `traffic.http: ${settings.method} ${url}${label} failed: ${cause ?? (e as Error).message}`,
          );
        }
        const answer = await response.text();
        if (!response.ok) {
          throw new TrafficError(
            `traffic.http: ${settings.method} ${url}${label} answered HTTP ${response.status}: ${answer.trim().slice(0, 200)}`,
          );
        }
        sent.push(`${settings.method} ${url} -> ${response.status}${label}`);
      }
      if (ctx.dryRun) return { applied: false, detail: `dry-run: ${sent.join('; ')}` };
      if (!settings.read_back) return { applied: true, changed: true, detail: sent.join('; ') };
      const readBack = await read(ctx, share);
      if (typeof readBack === 'number') {
        if (!sameWeight(readBack, perFlow ? Math.max(0, ...list.map((t) => t.weight)) : share.weight)) {
          throw new TrafficError(
            `traffic.http.read_back: the flag reads ${readBack}% after setting ${share.weight}%`,
          );
        }
      } else {
        for (const t of list) {
          if (t.flow && !sameWeight(readBack[t.flow] ?? NaN, t.weight)) {
            throw new TrafficError(
              `traffic.http.read_back: flow ${t.flow} reads ${readBack[t.flow]}% after setting ${t.weight}%`,
            );
          }
        }
      }
      return {
        applied: true,
        changed: true,
        readBack,
        detail: `${sent.join('; ')}; read back ${JSON.stringify(readBack)}`,
      };
    },
  };
}
