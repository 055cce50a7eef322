/**
 * Serves extra routes (in the emulator's Route shape) in front of a running GitHub emulator and forwards every
 * other request to it unchanged. The client talks to the front's URL only, so it sees one GitHub. Used for the
 * routes only some capabilities read (pull reviews and check runs for preflight, users and teams for
 * setup-environments), whose schemas are not in the emulator's contract subset.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubEmulator } from './index.js';
import { createRouteMatcher } from '../../src/github-emulator/routes.js';
import type { Route } from '../../src/github-emulator/route.js';

export interface EmulatorFront {
  url: string;
  /** Operation ids of the requests the front answered itself. */
  served: string[];
  close(): Promise<void>;
}

export async function startRouteFront(emulator: GitHubEmulator, routes: Route[]): Promise<EmulatorFront> {
  const match = createRouteMatcher(routes);
  const served: string[] = [];
  let base = '';
  const upstream = new URL(emulator.url);
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', base);
    const matched = match(req.method ?? 'GET', url.pathname.replace(/^\/api\/v3(?=\/)/, ''));
    if (matched) {
      const { route, params } = matched;
      const otherRepo =
        (params['owner'] !== undefined &&
          params['owner'].toLowerCase() !== emulator.state.owner.toLowerCase()) ||
        (params['repo'] !== undefined && params['repo'].toLowerCase() !== emulator.state.repo.toLowerCase());
      const answer = otherRepo
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
