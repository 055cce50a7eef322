/**
 * The stand-in for the service being released and its feature-flag API, on 127.0.0.1: every GET answers 200
 * (the `http` health and blast-radius probes hit it), and every POST/PUT/PATCH is a traffic write that is
 * recorded, so the war-room shows the weight the real flag service would have received. A GET of a path that
 * was written answers the last written weight, so `traffic.http.read_back` works too.
 */
import { parseJson, startLocalServer, type LocalServer } from './http-server.js';

export interface TrafficWrite {
  method: string;
  path: string;
  body: string;
}

export interface LocalService extends LocalServer {
  readonly writes: readonly TrafficWrite[];
  readonly requests: number;
}

export async function startLocalService(options: { service: string; version: string }): Promise<LocalService> {
  const writes: TrafficWrite[] = [];
  const lastByPath = new Map<string, unknown>();
  let requests = 0;
  const server = await startLocalServer((req, body, url) => {
    requests++;
    const method = req.method ?? 'GET';
    if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      writes.push({ method, path: url.pathname, body });
      const parsed = parseJson(body);
      lastByPath.set(url.pathname, parsed ?? body);
      return { status: 200, json: { ok: true, applied: parsed ?? body } };
    }
    if (method === 'GET' || method === 'HEAD') {
      const written = lastByPath.get(url.pathname);
      if (written !== undefined) return { status: 200, json: written };
      return { status: 200, json: { status: 'ok', service: options.service, version: options.version, simulated: true } };
    }
    return { status: 405, json: { message: `${method} is not served by the simulation's local service` } };
  });
  return {
    url: server.url,
    close: server.close,
    writes,
    get requests() {
      return requests;
    },
  };
}
