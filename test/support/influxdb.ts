/**
 * A real InfluxDB 1.x (/usr/bin/influxd) for integration tests: a temp dir holding its config, meta, data and WAL;
 * the HTTP API and the RPC bind address each on an OS-chosen free port of 127.0.0.1; usage reporting, the
 * `_internal` monitor database, retention enforcement and continuous queries off (none of them is under test, and
 * reporting would reach outside). Ready when `/ping` answers; written to with line protocol through `/write`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from './daemon.js';
import { freePort } from './prometheus.js';

export const INFLUXD_BIN = '/usr/bin/influxd';

export interface TestInfluxDb {
  /** `http://127.0.0.1:PORT` */
  url: string;
  startupMs: number;
  /** CREATE DATABASE (idempotent in InfluxDB). */
  createDatabase(name: string): Promise<void>;
  /** Line protocol, timestamps in milliseconds (`precision=ms`). */
  write(database: string, lines: string[]): Promise<void>;
  stop(): Promise<void>;
}

function config(dir: string, httpPort: number, rpcPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${join(dir, 'meta')}"
[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false
[retention]
  enabled = false
[monitor]
  store-enabled = false
[continuous_queries]
  enabled = false
[http]
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
`;
}

export async function startInfluxDb(options: { readyTimeoutMs?: number } = {}): Promise<TestInfluxDb> {
  const dir = await mkdtemp(join(tmpdir(), 'canary-influx-'));
  try {
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [httpPort, rpcPort] = [await freePort(), await freePort()];
      const file = join(dir, 'influxdb.conf');
      await writeFile(file, config(dir, httpPort, rpcPort), 'utf8');
      try {
        const { url, startupMs, stop } = await startDaemon({
          name: 'influxd',
          bin: INFLUXD_BIN,
          args: ['-config', file],
          port: httpPort,
          dir,
          readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
          readyPath: '/ping',
        });
        return { url, startupMs, stop, ...client(url) };
      } catch (e) {
        lastError = e;
        if (!String((e as Error).message).includes('address already in use')) break;
      }
    }
    throw lastError;
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

function client(url: string): Pick<TestInfluxDb, 'createDatabase' | 'write'> {
  return {
    async createDatabase(name) {
      const response = await fetch(`${url}/query`, {
        method: 'POST',
        body: new URLSearchParams({ q: `CREATE DATABASE "${name}"` }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      // InfluxQL answers 200 with the statement's error in the body.
      if (!response.ok || text.includes('"error"'))
        throw new Error(`CREATE DATABASE ${name}: HTTP ${response.status} ${text}`);
      // On a loaded machine a write right after CREATE DATABASE can still find no database: wait until it is
      // listed (bounded: 50 tries, 10 s).
      const deadline = Date.now() + 10_000;
      for (let attempt = 1; attempt <= 50 && Date.now() < deadline; attempt++) {
        const shown = await fetch(`${url}/query?${new URLSearchParams({ q: 'SHOW DATABASES' })}`, {
          signal: AbortSignal.timeout(5_000),
        });
        if ((await shown.text()).includes(`["${name}"]`)) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`CREATE DATABASE ${name}: not listed by SHOW DATABASES after 10 s`);
    },
    async write(database, lines) {
      const params = new URLSearchParams({ db: database, precision: 'ms' });
      const response = await fetch(`${url}/write?${params}`, {
        method: 'POST',
        body: `${lines.join('\n')}\n`,
        signal: AbortSignal.timeout(30_000),
      });
      if (response.status !== 204)
        throw new Error(`influx write: HTTP ${response.status} ${await response.text()}`);
    },
  };
}
