/**
 * PrometheusSource transport behaviour that a real Prometheus cannot be made to show on demand: a closed
 * port, 5xx bursts, a server that never answers, credentials in the URL. The local servers answer in the
 * Prometheus HTTP API's documented shapes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import {
  bearerTokenFromEnv,
  parseSampleValue,
  PrometheusSource,
  prometheusSourceFromSettings,
} from '../../src/metrics/prometheus.js';
import { freePort } from '../support/prometheus.js';
import { planQuery } from './queries.js';

const q = planQuery('p95_latency_ms', 'canary');
const AT = new Date('2026-03-02T10:00:00Z');
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const SUCCESS = {
  status: 'success',
  data: { resultType: 'vector', result: [{ metric: {}, value: [1772445600, '142.5'] }] },
};

describe('PrometheusSource transport', () => {
  it('reports a refused connection as unreachable after bounded retries, naming URL and query', async () => {
    const port = await freePort();
    const sleeps: number[] = [];
    const source = new PrometheusSource({
      url: `http://127.0.0.1:${port}`,
      retries: 2,
      backoffMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const m = await source.instant(q, AT);
    expect(m).toMatchObject({ ok: false, reason: 'unreachable', at: AT, query: q.query });
    if (m.ok) return;
    expect(m.message).toContain(`http://127.0.0.1:${port}`);
    expect(m.message).toContain('ECONNREFUSED');
    expect(m.message).toContain('after 3 attempts');
    expect(m.message).toContain(q.query);
    expect(sleeps).toEqual([100, 200]);
  });

  it('retries 5xx with backoff and succeeds when Prometheus recovers; sends time= as unix seconds', async () => {
    const seen: URL[] = [];
    const url = await serve((req, res) => {
      seen.push(new URL(req.url!, 'http://x'));
      if (seen.length < 3)
        json(res, 503, { status: 'error', errorType: 'unavailable', error: 'starting up' });
      else json(res, 200, SUCCESS);
    });
    const source = new PrometheusSource({ url, retries: 3, backoffMs: 5 });
    expect(await source.instant(q, AT)).toMatchObject({ ok: true, value: 142.5 });
    expect(seen).toHaveLength(3);
    expect(seen[0]!.pathname).toBe('/api/v1/query');
    expect(seen[0]!.searchParams.get('query')).toBe(q.query);
    expect(seen[0]!.searchParams.get('time')).toBe(String(AT.getTime() / 1000) + '.000');
  });

  it('gives up on persistent 5xx and does not retry 4xx', async () => {
    let hits = 0;
    const url503 = await serve((_req, res) => {
      hits++;
      json(res, 503, { status: 'error', errorType: 'unavailable', error: 'overloaded' });
    });
    const m = await new PrometheusSource({ url: url503, retries: 2, backoffMs: 1 }).instant(q, AT);
    expect(m).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(hits).toBe(3);

    let badHits = 0;
    const url422 = await serve((_req, res) => {
      badHits++;
      json(res, 422, { status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed' });
    });
    const bad = await new PrometheusSource({ url: url422, retries: 2, backoffMs: 1 }).instant(q, AT);
    expect(bad).toMatchObject({ ok: false, reason: 'query-error' });
    if (!bad.ok) expect(bad.message).toContain('HTTP 422: execution: many-to-many matching not allowed');
    expect(badHits).toBe(1);
  });

  it('maps a Prometheus query timeout to timeout, and a 200 that is not JSON to query-error', async () => {
    const urlTimeout = await serve((_req, res) =>
      json(res, 503, { status: 'error', errorType: 'timeout', error: 'query timed out' }),
    );
    expect(await new PrometheusSource({ url: urlTimeout, retries: 0 }).instant(q, AT)).toMatchObject({
      ok: false,
      reason: 'timeout',
    });
    const urlHtml = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    const m = await new PrometheusSource({ url: urlHtml }).instant(q, AT);
    expect(m).toMatchObject({ ok: false, reason: 'query-error' });
    if (!m.ok) expect(m.message).toContain('not JSON');
  });

  it('times out a request that never answers, without retrying it', async () => {
    let hits = 0;
    const url = await serve(() => {
      hits++; // never answers
    });
    const started = Date.now();
    const m = await new PrometheusSource({ url, timeoutMs: 300, retries: 2 }).instant(q, AT);
    expect(m).toMatchObject({ ok: false, reason: 'timeout' });
    if (!m.ok) expect(m.message).toContain('no answer within 300 ms');
    expect(hits).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('moves URL credentials into a Basic header and keeps them out of messages; keeps a path prefix', async () => {
    const seen: IncomingMessage[] = [];
    const base = await serve((req, res) => {
      seen.push(req);
      json(res, 400, { status: 'error', errorType: 'bad_data', error: 'parse error' });
    });
    const source = new PrometheusSource({ url: base.replace('http://', 'http://ops:pa55word@') + '/prom/' });
    expect(source.describe()).toBe(`prometheus ${base}/prom`);
    const m = await source.instant(q, AT);
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('ops:pa55word').toString('base64')}`);
    expect(new URL(seen[0]!.url!, 'http://x').pathname).toBe('/prom/api/v1/query');
    expect(m.ok).toBe(false);
    if (!m.ok) {
      expect(m.message).not.toContain('pa55word');
      expect(m.message).toContain(`${base}/prom`);
    }
  });

  it('reads the bearer token from the env variable the plan names and refuses a missing one', async () => {
    const seen: IncomingMessage[] = [];
    const url = await serve((req, res) => {
      seen.push(req);
      json(res, 200, SUCCESS);
    });
    const source = prometheusSourceFromSettings(
      { url, bearer_token_env: 'PROM_TOKEN' },
      { env: { PROM_TOKEN: 'abc.def' } },
    );
    expect(await source.instant(q, AT)).toMatchObject({ ok: true });
    expect(seen[0]!.headers.authorization).toBe('Bearer abc.def');
    expect(() => bearerTokenFromEnv('PROM_TOKEN', {})).toThrow(ConfigurationError);
    expect(() => bearerTokenFromEnv('PROM_TOKEN', {})).toThrow(
      /bearer_token_env: environment variable PROM_TOKEN is not set/,
    );
    expect(bearerTokenFromEnv(undefined, {})).toBeUndefined();
  });

  it('rejects a URL that is not http(s), naming the field', () => {
    expect(() => new PrometheusSource({ url: 'ftp://127.0.0.1:9090' })).toThrow(/metrics\.prometheus\.url/);
    expect(() => new PrometheusSource({ url: '127.0.0.1:9090' })).toThrow(/metrics\.prometheus\.url/);
  });

  it('parses Prometheus sample strings including NaN and infinities', () => {
    expect(parseSampleValue('1.5e-3')).toBe(0.0015);
    expect(parseSampleValue('+Inf')).toBe(Infinity);
    expect(parseSampleValue('-Inf')).toBe(-Infinity);
    expect(parseSampleValue('NaN')).toBeNaN();
    expect(parseSampleValue('')).toBeNaN();
  });
});
