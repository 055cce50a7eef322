import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifyConfig } from '../../src/config/schema.js';
import { notify, type NotifyMessage } from '../../src/notify/index.js';

describe('notify (Slack-compatible webhooks)', () => {
  let server: Server;
  let base: string;
  const received: Array<{ path: string; body: unknown; type?: string }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.url === '/hang') return; // never answers: the post must time out
        received.push({
          path: req.url ?? '',
          body: JSON.parse(Buffer.concat(chunks).toString()),
          type: req.headers['content-type'],
        });
        res.writeHead(req.url === '/broken' ? 500 : 200).end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts {"text"} to every webhook subscribed to the event; failures are reported, never thrown', async () => {
    const settings = NotifyConfig.parse({
      webhooks: [
        { name: 'war-room', url_env: 'WARROOM_HOOK', events: ['warroom' as const, 'rollback' as const] },
        { name: 'decisions-only', url_env: 'DECISIONS_HOOK', events: ['decision' as const] },
        { url_env: 'BROKEN_HOOK' },
        { url_env: 'HANGING_HOOK' },
        { url_env: 'UNSET_HOOK' },
      ],
    });
    const warroom: NotifyMessage = {
      event: 'warroom',
      text: ':15 | Stage 1 (1%) | p95=142ms | 4/4 PASS | IC: Proceed',
      at: '2026-11-27T10:15:00Z',
      service: 'spark-trading-api',
      version: '1.4.0',
    };
    const logs: string[] = [];
    const env = {
      WARROOM_HOOK: `${base}/warroom`,
      DECISIONS_HOOK: `${base}/decisions`,
      BROKEN_HOOK: `${base}/broken`,
      HANGING_HOOK: `${base}/hang`,
    };
    const started = Date.now();
    const results = await notify(settings, warroom, { env, timeoutMs: 500, log: (l) => logs.push(l) });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(received).toEqual([
      {
        path: '/warroom',
        body: { text: ':15 | Stage 1 (1%) | p95=142ms | 4/4 PASS | IC: Proceed' },
        type: 'application/json',
      },
      {
        path: '/broken',
        body: { text: ':15 | Stage 1 (1%) | p95=142ms | 4/4 PASS | IC: Proceed' },
        type: 'application/json',
      },
    ]);
    expect(results).toEqual([
      { channel: 'webhooks', target: 'war-room', ok: true, detail: 'HTTP 200' },
      { channel: 'webhooks', target: 'BROKEN_HOOK', ok: false, detail: 'HTTP 500' },
      { channel: 'webhooks', target: 'HANGING_HOOK', ok: false, detail: 'failed: no answer within 500 ms' },
      {
        channel: 'webhooks',
        target: 'UNSET_HOOK',
        ok: false,
        detail: 'skipped: environment variable UNSET_HOOK is not set (notify.webhooks[4].url_env)',
      },
    ]);
    expect(logs.join('\n')).not.toContain(base);
  });
});
