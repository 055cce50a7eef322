/**
 * A real single-node VictoriaMetrics (/usr/bin/victoria-metrics) for integration tests: 127.0.0.1, an OS-chosen
 * free port, a temp data dir, the same scrape config and the same OpenMetrics history as test/support/prometheus.ts,
 * and the same `query`/`waitForSeries` helpers, so a test can run its body on either server.
 *
 * How it differs from the Prometheus helper (VictoriaMetrics 1.79):
 *   - History is written AFTER start through `/api/v1/import/prometheus`, whose timestamps are MILLISECONDS
 *     (the OpenMetrics history is in seconds, so each sample's timestamp is scaled), then `/internal/force_flush`
 *     makes it searchable at once instead of within about a second.
 *   - `-retentionPeriod=100y`: retention is counted back from now, and backfilled history is hours old.
 *   - Scraping uses `-promscrape.config` with the same YAML less `evaluation_interval` (parsed strictly);
 *     `/-/ready` answers as in Prometheus.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon } from './daemon.js';
import {
  freePort,
  queryHelpers,
  scrapeConfig,
  type StartPrometheusOptions,
  type TestPrometheus,
} from './prometheus.js';

export const VICTORIA_METRICS_BIN = '/usr/bin/victoria-metrics';

export async function startVictoriaMetrics(options: StartPrometheusOptions = {}): Promise<TestPrometheus> {
  const dataDir = await mkdtemp(join(tmpdir(), 'canary-vm-'));
  try {
    const configFile = join(dataDir, 'scrape.yml');
    // Strict parsing: a rule-evaluation setting is unknown to a server that evaluates no rules.
    const config = scrapeConfig(options).replace(/^ {2}evaluation_interval: .*\n/m, '');
    await writeFile(configFile, config, 'utf8');
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort();
      try {
        const { url, startupMs, stop } = await startDaemon({
          name: 'victoria-metrics',
          bin: VICTORIA_METRICS_BIN,
          args: [
            `-storageDataPath=${join(dataDir, 'data')}`,
            `-httpListenAddr=127.0.0.1:${port}`,
            '-retentionPeriod=100y',
            `-promscrape.config=${configFile}`,
            '-loggerLevel=WARN',
          ],
          port,
          dir: dataDir,
          readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
        });
        const vm: TestPrometheus = { url, port, dataDir, startupMs, ...queryHelpers(url), stop };
        try {
          if (options.history) await importHistory(url, options.history);
        } catch (e) {
          await stop();
          throw e;
        }
        return vm;
      } catch (e) {
        lastError = e;
        if (!String((e as Error).message).includes('address already in use')) break;
      }
    }
    throw lastError;
  } catch (e) {
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Imports OpenMetrics text (seconds) through the Prometheus text import (milliseconds) and flushes it. */
export async function importHistory(url: string, openMetrics: string): Promise<void> {
  const response = await fetch(`${url}/api/v1/import/prometheus`, {
    method: 'POST',
    body: toImportText(openMetrics),
    signal: AbortSignal.timeout(60_000),
  });
  if (response.status !== 204)
    throw new Error(`victoria-metrics import: HTTP ${response.status}: ${await response.text()}`);
  const flush = await fetch(`${url}/internal/force_flush`, { signal: AbortSignal.timeout(10_000) });
  if (!flush.ok) throw new Error(`victoria-metrics force_flush: HTTP ${flush.status}`);
}

/**
 * OpenMetrics sample lines `name{labels} value seconds` as Prometheus text lines `name{labels} value millis`;
 * comments (`# TYPE`, `# EOF`) are dropped. A line without a timestamp would be stamped "now" by the importer,
 * which is never what a history means, so it is refused.
 */
export function toImportText(openMetrics: string): string {
  const out: string[] = [];
  for (const line of openMetrics.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    const seconds = Number(line.slice(cut + 1));
    const head = line.slice(0, cut);
    if (cut < 0 || !Number.isFinite(seconds) || head.lastIndexOf(' ') < 0)
      throw new Error(`toImportText: no timestamp on "${line}"`);
    out.push(`${head} ${Math.round(seconds * 1000)}`);
  }
  return `${out.join('\n')}\n`;
}
