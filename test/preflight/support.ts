/**
 * Local counterparts for preflight tests: HTTP services on 127.0.0.1 port 0 (healthy, flaky with every tenth
 * answer a 503, slow), a temp git repository, and the real dependencies wired as the CLI wires them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PreflightCheck, type PreflightCheckConfig } from '../../src/config/index.js';
import { createCommandRunner } from '../../src/platform/command.js';
import { createGitReader } from '../../src/preflight/git.js';
import type { PreflightDeps } from '../../src/preflight/types.js';
import { execGit } from '../support/git.js';

export interface TestService {
  url: string;
  hits: number;
  /** The most requests the service was answering at one time since the last reset. */
  maxInFlight: number;
  resetInFlight(): void;
  close(): Promise<void>;
}

export type ServiceKind = 'healthy' | 'flaky' | 'slow';

export async function startService(
  kind: ServiceKind,
  options: { version?: string; delayMs?: number } = {},
): Promise<TestService> {
  // Requests that arrived before the last reset are not counted, so a slow answer left over from an earlier
  // test cannot inflate the next one's figure.
  const state = { hits: 0, inFlight: 0, maxInFlight: 0, generation: 0 };
  const server: Server = createServer((req, res) => {
    state.hits++;
    const generation = state.generation;
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    let done = false;
    const leave = () => {
      if (!done && generation === state.generation) state.inFlight--;
      done = true;
    };
    res.once('close', leave);
    const n = state.hits;
    const answer = () => {
      // Counted out before the answer leaves, so a client's next request never overlaps its own last one.
      leave();
      if (kind === 'flaky' && n % 10 === 0) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('upstream unavailable');
        return;
      }
      if (req.url?.startsWith('/api/healthz')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'ok',
            version: options.version ?? '1.4.0',
            checks: { db: 'ok', ws_lag_s: 2 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    };
    if (kind === 'slow') setTimeout(answer, options.delayMs ?? 600);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    resetInFlight: () => {
      state.generation++;
      state.inFlight = 0;
      state.maxInFlight = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A plan's preflight entry as the loader produces it (durations in seconds, defaults applied). */
export function check(raw: unknown): PreflightCheckConfig {
  return PreflightCheck.parse(raw);
}

export function deps(repoDir: string, overrides: Partial<PreflightDeps> = {}): PreflightDeps {
  return {
    fetch: globalThis.fetch,
    exec: createCommandRunner(),
    git: createGitReader(repoDir),
    clock: { now: () => new Date() },
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
    ...overrides,
  };
}

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

/** A git repository in `dir` with a fixed identity; commits get the given date (ISO) when one is passed. */
export function git(dir: string, args: string[], date?: string): string {
  return execGit(args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      GIT_AUTHOR_NAME: 'Release Bot',
      GIT_AUTHOR_EMAIL: 'release@example.test',
      GIT_COMMITTER_NAME: 'Release Bot',
      GIT_COMMITTER_EMAIL: 'release@example.test',
      GIT_CONFIG_NOSYSTEM: '1',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

export function initRepo(dir: string): void {
  git(dir, ['init', '-q', '-b', 'main']);
}

export function commitAll(dir: string, message: string, date?: string): void {
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message], date);
}
