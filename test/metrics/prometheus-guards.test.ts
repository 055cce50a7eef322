/**
 * What the Prometheus client refuses: a redirect to another origin (the answer is not our Prometheus's, and the
 * token must not follow it), an answer larger than the cap, and sample values that are not decimal. Local
 * servers answer in the Prometheus HTTP API's shapes; none of these refusals is ever a pass.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSampleValue, PrometheusSource } from '../../src/metrics/prometheus.js';
import { planQuery } from './queries.js';

const q = planQuery('p95_latency_ms', 'canary');
const AT = new Date('2026-03-02T10:00:00Z');
const TOKEN = 'prom-token-guards-7f3a9c';
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

const vector = (value: string) =>
  JSON.stringify({
    status: 'success',
    data: { resultType: 'vector', result: [{ metric: {}, value: [1772445600, value] }] },
  });

describe('PrometheusSource guards', () => {
  it('refuses a redirect to another origin without sending the token there, and never passes on it', async () => {
    const elsewhere: Array<string | undefined> = [];
    const other = await serve((req, res) => {
      elsewhere.push(req.headers.authorization);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(vector('1'));
    });
    const url = await serve((_req, res) => {
      res.writeHead(302, { location: `${other}/api/v1/query?query=up` });
      res.end();
    });
    const source = new PrometheusSource({ url, bearerToken: TOKEN, retries: 0 });
    const m = await source.instant(q, AT);
    expect(m.ok).toBe(false);
    if (m.ok) return;
    expect(m.reason).toBe('query-error');
    expect(m.message).toContain(`HTTP 302 redirect to ${other} refused`);
    expect(m.message).toContain('only redirects within');
    expect(elsewhere).toEqual([]);
  });

  it('follows a redirect within the same origin (a path prefix moved) and measures', async () => {
    const url = await serve((req, res) => {
      if (req.url?.startsWith('/old/')) {
        res.writeHead(307, { location: req.url.replace('/old/', '/new/') });
        res.end();
        return;
      }
      expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(vector('142.5'));
    });
    const source = new PrometheusSource({ url: `${url}/old`, bearerToken: TOKEN, retries: 0 });
    const m = await source.instant(q, AT);
    expect(m).toMatchObject({ ok: true, value: 142.5 });
  });

  it('stops a redirect loop within the origin after a bounded number of hops', async () => {
    let hops = 0;
    const url = await serve((req, res) => {
      hops++;
      res.writeHead(302, { location: req.url! });
      res.end();
    });
    const m = await new PrometheusSource({ url, retries: 0 }).instant(q, AT);
    expect(m).toMatchObject({ ok: false, reason: 'query-error' });
    expect(m.ok ? '' : m.message).toContain('more than 5 redirects');
    expect(hops).toBe(6);
  });

  it('refuses an answer larger than the cap, declared or streamed, with a reason naming the cap', async () => {
    const big = `{"status":"success","data":{"resultType":"vector","result":[]},"pad":"${'x'.repeat(300_000)}"}`;
    const declared = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) });
      res.end(big);
    });
    const streamed = await serve((_req, res) => {
      // No content-length: chunked, so only counting the bytes read can stop it.
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 30; i++) res.write('x'.repeat(10_000));
      res.end();
    });
    for (const url of [declared, streamed]) {
      const m = await new PrometheusSource({ url, retries: 0, maxResponseBytes: 100_000 }).instant(q, AT);
      expect(m).toMatchObject({ ok: false, reason: 'query-error' });
      expect(m.ok ? '' : m.message).toContain('the answer is larger than 100000 bytes and was not read');
    }
    // The default cap is 16 MiB: an ordinary answer is read.
    const small = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(vector('3'));
    });
    expect(await new PrometheusSource({ url: small, retries: 0 }).instant(q, AT)).toMatchObject({
      ok: true,
      value: 3,
    });
  });

  it('reads sample values as decimals only: "0x10" is not 16, and is never a measurement', async () => {
    expect(parseSampleValue('0x10')).toBeNaN();
    expect(parseSampleValue('0b11')).toBeNaN();
    expect(parseSampleValue('  ')).toBeNaN();
    expect(parseSampleValue('1e3')).toBe(1000);
    expect(parseSampleValue('-0.25')).toBe(-0.25);
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(vector('0x10'));
    });
    const m = await new PrometheusSource({ url, retries: 0 }).instant(q, AT);
    expect(m).toMatchObject({ ok: false, reason: 'nan' });
  });
});
