/**
 * The stand-in for the service being released and its feature-flag API. Every GET answers 200 (the `http`
 * health and blast-radius probes), and every POST/PUT/PATCH is a traffic write that is recorded, so the
 * war-room shows the weight the real flag service would have received; a GET of a path that was written
 * answers the last written weight, so `traffic.http.read_back` works too.
 *
 * It answers in-process, through the simulation's fetch (fetch-router.ts), not over a socket: the
 * blast-radius probe times each request, and a stand-in's latency measured on a busy machine would decide
 * the preflight by the machine's load. In-process, the stand-in answers at once, the probe's code runs as in a
 * release, and the run repeats.
 */
import { parseJson } from './http-server.js';

export interface TrafficWrite {
  method: string;
  path: string;
  body: string;
}

export interface LocalService {
  /** Answers one request as the service would. */
  handle(request: Request): Promise<Response>;
  readonly writes: readonly TrafficWrite[];
  readonly requests: number;
}

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export function createLocalService(options: { service: string; version: string }): LocalService {
  const writes: TrafficWrite[] = [];
  const lastByPath = new Map<string, unknown>();
  let requests = 0;
  return {
    writes,
    get requests() {
      return requests;
    },
    async handle(request) {
      requests++;
      const method = request.method.toUpperCase();
      const { pathname } = new URL(request.url);
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        const body = await request.text();
        writes.push({ method, path: pathname, body });
        const parsed = parseJson(body);
        lastByPath.set(pathname, parsed ?? body);
        return json(200, { ok: true, applied: parsed ?? body });
      }
      if (method === 'GET' || method === 'HEAD') {
        const written = lastByPath.get(pathname);
        if (written !== undefined) return json(200, written);
        return json(200, {
          status: 'ok',
          service: options.service,
          version: options.version,
          simulated: true,
        });
      }
      return json(405, { message: `${method} is not served by the simulation's stand-in service` });
    },
  };
}
