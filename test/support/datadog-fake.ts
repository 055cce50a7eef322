/**
 * A local stand-in for Datadog's metrics query API (`GET /api/v1/query?from&to&query`, keys in DD-API-KEY and
 * DD-APPLICATION-KEY) on 127.0.0.1, for tests of the Datadog source. Datadog cannot be reached from here, so, as
 * with the GitHub emulator, the fake is held to the real contract: every JSON answer it sends is first read by
 * the official client's own ObjectSerializer as the model the API specification names for that status
 * (MetricsQueryResponse for 200, APIErrorResponse for 400/403/429) and serialised back; an answer that does not
 * deserialise, or loses or gains a field on the way, is a contract violation, recorded and answered as a 500 so
 * that no test can pass on a shape the client would not produce. Rate-limited answers carry Datadog's documented
 * headers (X-RateLimit-Limit, -Period, -Remaining, -Reset, -Name).
 *
 * Series are stored per query text as points every `intervalS` seconds; an answer holds the stored points in
 * [from, to] (milliseconds, as Datadog's pointlist), nulls included. `raw` faults send bytes that are
 * deliberately not Datadog's shape, the one way around the contract check.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
// The v1 models only: the package root also loads every v2 model, seconds of start-up for nothing used here.
import { ObjectSerializer } from '@datadog/datadog-api-client/dist/packages/datadog-api-client-v1/models/ObjectSerializer.js';

export type DatadogFault =
  | { kind: 'rate-limit'; resetS: number }
  | { kind: 'status'; status: number; errors: string[] }
  | { kind: 'raw'; status: number; body: string }
  | { kind: 'answer'; body: Record<string, unknown> };

export interface DatadogRequest {
  query: string;
  from: number;
  to: number;
  apiKey: string | undefined;
  appKey: string | undefined;
}

export interface DatadogFake {
  url: string;
  apiKey: string;
  appKey: string;
  /** Points for one query text: value(tMs) each `intervalS` from startMs to endMs; null is a gap Datadog reports. */
  addSeries(
    query: string,
    scope: string,
    startMs: number,
    endMs: number,
    value: (tMs: number) => number | null,
    intervalS?: number,
  ): void;
  /** The next requests get these answers, in order, instead of the stored series. */
  fail(...faults: DatadogFault[]): void;
  /** Drops faults not yet used, returning how many there were. */
  clearFaults(): number;
  requests: DatadogRequest[];
  /** Answers the fake refused to send because the client's models could not read them. */
  violations: string[];
  stop(): Promise<void>;
}

/** Deserialises `body` as `model` with the client's ObjectSerializer and back; returns the problem, if any. */
export function contractProblem(
  body: unknown,
  model: 'MetricsQueryResponse' | 'APIErrorResponse',
): string | undefined {
  let typed: unknown;
  try {
    typed = ObjectSerializer.deserialize(body, model);
  } catch (e) {
    return `${model}: ${(e as Error).message}`;
  }
  const unknown = unknownFields(typed, '');
  if (unknown.length) return `${model}: fields the specification does not have: ${unknown.join(', ')}`;
  const back: unknown = ObjectSerializer.serialize(typed, model, '');
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(back)), body))
    return `${model}: does not survive the client's models (${JSON.stringify(body)} -> ${JSON.stringify(back)})`;
  return undefined;
}

/** Paths of values the client's models kept as `additionalProperties` or marked `_unparsed`. */
function unknownFields(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownFields(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = [
    ...Object.keys((record.additionalProperties as Record<string, unknown> | undefined) ?? {}).map(
      (k) => `${path}.${k}`,
    ),
    ...(record._unparsed ? [`${path || '.'} (unparsed)`] : []),
  ];
  return [
    ...own,
    ...Object.entries(record)
      .filter(([k]) => k !== 'additionalProperties')
      .flatMap(([k, v]) => unknownFields(v, `${path}.${k}`)),
  ];
}

const RATE_LIMIT = 'query';

export async function startDatadogFake(
  keys: { apiKey?: string; appKey?: string } = {},
): Promise<DatadogFake> {
  const apiKey = keys.apiKey ?? 'fake-dd-api-key-0123456789abcdef';
  const appKey = keys.appKey ?? 'fake-dd-app-key-fedcba9876543210';
  const stored = new Map<
    string,
    { scope: string; points: Array<[number, number | null]>; intervalS: number }
  >();
  const faults: DatadogFault[] = [];
  const requests: DatadogRequest[] = [];
  const violations: string[] = [];

  const send = (
    res: ServerResponse,
    status: number,
    body: Record<string, unknown>,
    model: 'MetricsQueryResponse' | 'APIErrorResponse',
    headers: Record<string, string> = {},
  ) => {
    const problem = contractProblem(body, model);
    if (problem) {
      violations.push(problem);
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake Datadog contract violation: ${problem}`);
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method !== 'GET' || url.pathname !== '/api/v1/query') {
      send(res, 404, { errors: ['Not found'] }, 'APIErrorResponse');
      return;
    }
    const request: DatadogRequest = {
      query: url.searchParams.get('query') ?? '',
      from: Number(url.searchParams.get('from')),
      to: Number(url.searchParams.get('to')),
      apiKey: header(req, 'dd-api-key'),
      appKey: header(req, 'dd-application-key'),
    };
    requests.push(request);
    if (request.apiKey !== apiKey || request.appKey !== appKey) {
      send(res, 403, { errors: ['Forbidden'] }, 'APIErrorResponse');
      return;
    }
    if (!request.query || !Number.isInteger(request.from) || !Number.isInteger(request.to)) {
      send(res, 400, { errors: ['Missing or invalid from, to or query'] }, 'APIErrorResponse');
      return;
    }
    const fault = faults.shift();
    if (fault?.kind === 'rate-limit') {
      send(
        res,
        429,
        { errors: ['Rate limit of 1600 requests in 3600 seconds reached. Please try again later.'] },
        'APIErrorResponse',
        {
          'x-ratelimit-limit': '1600',
          'x-ratelimit-period': '3600',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(fault.resetS),
          'x-ratelimit-name': RATE_LIMIT,
        },
      );
      return;
    }
    if (fault?.kind === 'status') {
      send(res, fault.status, { errors: fault.errors }, 'APIErrorResponse');
      return;
    }
    if (fault?.kind === 'raw') {
      res.writeHead(fault.status, { 'content-type': 'application/json' });
      res.end(fault.body);
      return;
    }
    if (fault?.kind === 'answer') {
      send(res, 200, fault.body, 'MetricsQueryResponse');
      return;
    }
    send(res, 200, answer(request), 'MetricsQueryResponse', rateLimitHeaders());
  };

  const answer = (r: DatadogRequest): Record<string, unknown> => {
    const base = {
      status: 'ok',
      res_type: 'time_series',
      query: r.query,
      from_date: r.from * 1000,
      to_date: r.to * 1000,
      group_by: [],
    };
    const s = stored.get(r.query);
    if (!s) return { ...base, series: [] };
    const pointlist = s.points.filter(([t]) => t >= r.from * 1000 && t <= r.to * 1000);
    if (pointlist.length === 0) return { ...base, series: [] };
    const metric = r.query.replace(/^\w+:/, '').replace(/\{.*$/, '');
    return {
      ...base,
      series: [
        {
          aggr: r.query.split(':')[0],
          display_name: metric,
          end: pointlist.at(-1)![0],
          expression: r.query,
          interval: s.intervalS,
          length: pointlist.length,
          metric,
          pointlist,
          query_index: 0,
          scope: s.scope,
          start: pointlist[0]![0],
          tag_set: s.scope.split(','),
        },
      ],
    };
  };

  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiKey,
    appKey,
    addSeries(query, scope, startMs, endMs, value, intervalS = 20) {
      const points: Array<[number, number | null]> = [];
      for (let t = startMs; t <= endMs; t += intervalS * 1000) points.push([t, value(t)]);
      stored.set(query, { scope, points, intervalS });
    },
    fail(...more) {
      faults.push(...more);
    },
    clearFaults() {
      return faults.splice(0).length;
    },
    requests,
    violations,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The headers Datadog sends on every rate-limited endpoint's answer, with room to spare. */
function rateLimitHeaders(): Record<string, string> {
  return {
    'x-ratelimit-limit': '1600',
    'x-ratelimit-period': '3600',
    'x-ratelimit-remaining': '1599',
    'x-ratelimit-reset': '3600',
    'x-ratelimit-name': RATE_LIMIT,
  };
}
