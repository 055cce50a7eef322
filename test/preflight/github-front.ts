/**
 * Serves PREFLIGHT_ROUTES (pull reviews, check runs) in front of a running GitHub emulator and forwards every
 * other request to it unchanged, until those routes join the emulator's own table. Same origin for the client:
 * it talks to the front's URL only.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubEmulator } from '../github-emulator/index.js';
import { PREFLIGHT_ROUTES } from '../github-emulator/preflight-routes.js';

const compiled = PREFLIGHT_ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/\{(\w+)(\+?)\}/g, (_all, name: string, rest: string) => {
    names.push(name);
    return rest ? '(.+)' : '([^/]+)';
  });
  return { route, names, regex: new RegExp(`^${source}/?$`) };
});

export interface EmulatorFront {
  url: string;
  /** Operation ids of the requests the front answered itself. */
  served: string[];
  close(): Promise<void>;
}

export async function startEmulatorFront(emulator: GitHubEmulator): Promise<EmulatorFront> {
  const served: string[] = [];
  let base = '';
  const upstream = new URL(emulator.url);
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', base);
    for (const { route, names, regex } of compiled) {
      const m = route.method === req.method ? regex.exec(url.pathname) : null;
      if (!m) continue;
      const params: Record<string, string> = {};
      names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1] ?? '')));
      const owner = emulator.state.owner.toLowerCase();
      const answer =
        params['owner']?.toLowerCase() !== owner ||
        params['repo']?.toLowerCase() !== emulator.state.repo.toLowerCase()
          ? { status: 404, body: { message: 'Not Found' } }
          : route.handle({
              params,
              query: url.searchParams,
              body: undefined,
              accept: req.headers.accept,
              state: emulator.state,
              shaper: { state: emulator.state, api: base, html: base },
              url,
            });
      served.push(route.operationId);
      res.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        ...(answer.headers ?? {}),
      });
      res.end(JSON.stringify(answer.body));
      return;
    }
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        // Link headers point at the emulator; rewrite them so pagination comes back through the front.
        const headers = { ...up.headers };
        if (typeof headers.link === 'string') headers.link = headers.link.split(emulator.url).join(base);
        res.writeHead(up.statusCode ?? 502, headers);
        up.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
