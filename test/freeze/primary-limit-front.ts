/**
 * GitHub's primary rate limit in front of a running emulator, on the emulator's clock: each token gets `limit`
 * requests per window (GITHUB_TOKEN: 1,000 an hour per repository), the window starting at its first request and
 * resetting an hour later, as GitHub counts it. Every answer carries `x-ratelimit-limit/-remaining/-used/-reset/
 * -resource`; a request over the limit gets GitHub's 403 "API rate limit exceeded" and is not forwarded. Answers
 * are forwarded unchanged otherwise (Link headers rewritten so pagination comes back through here).
 * The freeze's primary-limit gate is tested and benchmarked against this; once the emulator itself sends these
 * headers and enforces a primary limit, this front can go.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GitHubEmulator } from '../github-emulator/index.js';

const HOUR = 3_600_000;

export interface PrimaryLimitFront {
  url: string;
  /** Requests answered with the primary-limit 403, per token (masked). */
  readonly refused: number;
  /** Requests forwarded. */
  readonly forwarded: number;
  close(): Promise<void>;
}

export async function startPrimaryLimitFront(
  emulator: GitHubEmulator,
  limit: number,
): Promise<PrimaryLimitFront> {
  const windows = new Map<string, { resetAt: number; used: number }>();
  let refused = 0;
  let forwarded = 0;
  let base = '';
  const upstream = new URL(emulator.url);

  const server = createServer((req: IncomingMessage, res) => {
    const token = req.headers.authorization ?? '';
    const now = emulator.clock.now();
    let window = windows.get(token);
    if (!window || now >= window.resetAt) windows.set(token, (window = { resetAt: now + HOUR, used: 0 }));
    const headers = (used: number) => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-reset': String(Math.ceil(window.resetAt / 1000)),
      'x-ratelimit-resource': 'core',
    });
    if (window.used >= limit) {
      refused += 1;
      const body = JSON.stringify({
        message:
          'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.',
        documentation_url:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
        status: '403',
      });
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', ...headers(window.used) });
      res.end(body);
      req.resume();
      return;
    }
    window.used += 1;
    forwarded += 1;
    const limitHeaders = headers(window.used);
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (up) => {
        const answer: Record<string, string | string[] | undefined> = { ...up.headers, ...limitHeaders };
        if (typeof answer.link === 'string') answer.link = answer.link.split(emulator.url).join(base);
        res.writeHead(up.statusCode ?? 502, answer);
        up.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    get refused() {
      return refused;
    },
    get forwarded() {
      return forwarded;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
