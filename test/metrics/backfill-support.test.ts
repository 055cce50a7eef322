/** The promtool backfill helper refuses the inputs promtool would silently mangle. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlocks, openMetricsCounter, openMetricsDocument, sampleTimes } from '../support/prometheus.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'backfill-support-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createBlocks', () => {
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000);
  const window = { start, end: new Date(start.getTime() + 120_000), stepSeconds: 60 };

  it('writes blocks from generated OpenMetrics (seconds, family without _total, # EOF)', async () => {
    const text = openMetricsDocument(
      openMetricsCounter(
        'orders',
        'Orders.',
        [{ labels: { track: 'canary' }, value: (t) => t - window.start.getTime() / 1000 }],
        window,
      ),
    );
    const t0 = start.getTime() / 1000;
    expect(text).toBe(
      `# HELP orders Orders.\n# TYPE orders counter\n` +
        `orders_total{track="canary"} 0 ${t0}\norders_total{track="canary"} 60 ${t0 + 60}\norders_total{track="canary"} 120 ${t0 + 120}\n# EOF\n`,
    );
    expect(sampleTimes(window)).toEqual([t0, t0 + 60, t0 + 120]);
    await createBlocks(text, join(dir, 'ok'));
    expect((await readdir(join(dir, 'ok'))).length).toBeGreaterThan(0);
  });

  it('refuses a document without # EOF and millisecond timestamps', async () => {
    await expect(createBlocks('# TYPE g gauge\ng 1 1700000000\n', join(dir, 'noeof'))).rejects.toThrow(
      /# EOF/,
    );
    const ms = `# TYPE g gauge\ng 1 ${start.getTime()}\n# EOF\n`;
    await expect(createBlocks(ms, join(dir, 'ms'))).rejects.toThrow(/unix SECONDS/);
  });
});
