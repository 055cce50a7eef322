/** A local feature-flag service (/api/features/rollout) on 127.0.0.1:0 that records what it is sent. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlagRequest {
  method: string;
  path: string;
  authorization?: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One write or read of a feature's percentage, with the wall-clock time the server answered it. */
export interface FlagEvent {
  at: number;
  kind: 'set' | 'read';
  feature: string;
  percentage: number | undefined;
}

export interface FlagServer {
  url: string;
  requests: FlagRequest[];
  /** Writes and reads in the order the server answered them (Date.now(), comparable with other processes). */
  events: FlagEvent[];
  /** The percentage last posted, per feature. */
  percentage: Map<string, number>;
  /** Makes the read-back lie, to check that a mismatch is caught. */
  readBackOverride?: number;
  /** Status for writes (default 200). */
  writeStatus: number;
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startFlagServer(): Promise<FlagServer> {
  const state: FlagServer = {
    url: '',
    requests: [],
    events: [],
    percentage: new Map(),
    writeStatus: 200,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    state.requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
      headers: req.headers,
      body,
    });
    if (req.method === 'GET' && url.pathname === '/api/features/rollout') {
      const feature = url.searchParams.get('feature') ?? '';
      const value = state.readBackOverride ?? state.percentage.get(feature);
      state.events.push({ at: Date.now(), kind: 'read', feature, percentage: value });
      res.writeHead(value === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(value === undefined ? { error: 'unknown feature' } : { feature, percentage: value }),
      );
      return;
    }
    if (url.pathname.startsWith('/api/features/rollout')) {
      try {
        const parsed = JSON.parse(body) as { feature: string; percentage: number; flow?: string };
        const key = parsed.flow ? `${parsed.feature}/${parsed.flow}` : parsed.feature;
        if (state.writeStatus === 200) {
          state.percentage.set(key, parsed.percentage);
          state.events.push({ at: Date.now(), kind: 'set', feature: key, percentage: parsed.percentage });
        }
        res.writeHead(state.writeStatus, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: state.writeStatus === 200 }));
      } catch {
        res.writeHead(400).end('bad json');
      }
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
