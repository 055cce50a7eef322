/**
 * A real Alertmanager (/usr/bin/prometheus-alertmanager, Debian 0.25) for integration tests, on 127.0.0.1 with an
 * OS-chosen free port, a temp storage dir, a null receiver, and `--cluster.listen-address=` (empty) so it never
 * opens the gossip port (which would listen on every interface and try to find peers).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from './daemon.js';
import { freePort } from './prometheus.js';

export const ALERTMANAGER_BIN = '/usr/bin/prometheus-alertmanager';

export interface TestAlertmanager {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** From spawn to `/-/ready`. */
  startupMs: number;
  /** All silences the server holds (any state), straight from the v2 API, for assertions. */
  silences(): Promise<
    Array<{
      id: string;
      status: { state: string };
      comment: string;
      createdBy: string;
      endsAt: string;
      matchers: unknown[];
    }>
  >;
  stop(): Promise<void>;
}

const CONFIG = ['route:', '  receiver: "null"', 'receivers:', '  - name: "null"', ''].join('\n');

export async function startAlertmanager(
  options: { readyTimeoutMs?: number } = {},
): Promise<TestAlertmanager> {
  const dir = await mkdtemp(join(tmpdir(), 'canary-am-'));
  try {
    await writeFile(join(dir, 'alertmanager.yml'), CONFIG, 'utf8');
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort();
      try {
        return await launch(dir, port, options.readyTimeoutMs ?? 15_000);
      } catch (e) {
        lastError = e;
        // Only a lost race for the port is worth another try.
        if (!String((e as Error).message).includes('address already in use')) break;
      }
    }
    throw lastError;
  } catch (e) {
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

async function launch(dir: string, port: number, readyTimeoutMs: number): Promise<TestAlertmanager> {
  const { url, startupMs, stop } = await startDaemon({
    name: 'alertmanager',
    bin: ALERTMANAGER_BIN,
    args: [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    port,
    dir,
    readyTimeoutMs,
  });
  return {
    url,
    port,
    startupMs,
    async silences() {
      const response = await fetch(`${url}/api/v2/silences`, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`GET /api/v2/silences: HTTP ${response.status}`);
      return (await response.json()) as Awaited<ReturnType<TestAlertmanager['silences']>>;
    },
    stop,
  };
}
