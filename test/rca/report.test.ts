import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { deriveRca } from '../../src/rca/rca.js';
import { metricsOf, renderReportHtml } from '../../src/rca/report.js';
import { runRelease, VERSION } from './release-fixtures.js';

/** Distinct RGB colours of an 8-bit RGB/RGBA, non-interlaced PNG (what Chromium writes), decoded with zlib. */
function pngColours(png: Buffer): { width: number; height: number; distinct: number; nonWhite: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      colourType = data[9]!;
      expect(data[12]).toBe(0);
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const bpp = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  expect(bpp).toBeGreaterThan(0);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= bpp ? out[y * stride + x - bpp]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp]! : 0;
      let p = v;
      if (filter === 1) p = v + a;
      else if (filter === 2) p = v + b;
      else if (filter === 3) p = v + ((a + b) >> 1);
      else if (filter === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        p = v + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      out[y * stride + x] = p & 0xff;
    }
  }
  const colours = new Set<number>();
  let nonWhite = 0;
  for (let i = 0; i < out.length; i += bpp) {
    const rgb = (out[i]! << 16) | (out[i + 1]! << 8) | out[i + 2]!;
    colours.add(rgb);
    if (rgb !== 0xffffff) nonWhite++;
  }
  return { width, height, distinct: colours.size, nonWhite };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('release report (self-contained HTML, opened in headless Chromium)', () => {
  it('renders a non-blank page with one chart per metric, threshold lines and decision markers, and fetches nothing', async () => {
    const run = await runRelease('rolled-back');
    const rca = deriveRca({
      plan: run.plan,
      version: VERSION,
      stages: run.stages,
      decisions: run.decisions,
      clock: { now: () => new Date('2026-03-03T07:30:00Z') },
      tag: 'v1.4.0',
    });
    const { html, charts } = renderReportHtml({
      plan: run.plan,
      rca,
      stages: run.stages,
      generatedAt: new Date('2026-03-03T07:30:00Z'),
    });
    const metrics = metricsOf(run.stages);
    expect(metrics).toEqual([
      'p95_latency_ms',
      'error_rate_pct',
      'order_accept_error_rate',
      'mem_available_pct',
    ]);
    expect(charts).toHaveLength(4);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-'));
    dirs.push(dir);
    const file = path.join(dir, 'report.html');
    writeFileSync(file, html);
    const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 900, height: 1400 },
    });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Locators keep the test free of DOM typings; each count is what a reader would see on the page.
      const charts = page.locator('svg.metric-chart');
      const dom = {
        charts: await charts.count(),
        chartsWithCanaryLine: await charts.filter({ has: page.locator('polyline.canary') }).count(),
        baselineLines: await page.locator('svg.metric-chart polyline.baseline').count(),
        thresholds: await page.locator('svg.metric-chart .threshold').count(),
        markers: await page
          .locator('svg.metric-chart .decision-marker')
          .evaluateAll((nodes) => nodes.map((m) => m.getAttribute('data-decision'))),
        timelineBars: await page.locator('svg.timeline-chart rect.stage-bar').count(),
        chartWidth: (await charts.first().boundingBox())!.width,
        cause: (await page.locator('.cause').textContent()) ?? '',
        stageRows: await page.locator('table.stages tbody tr').count(),
      };
      expect(dom.charts).toBe(metrics.length);
      expect(dom.chartsWithCanaryLine).toBe(metrics.length);
      // Only accept_errors compares against the baseline, so only its chart has a baseline line.
      expect(dom.baselineLines).toBe(1);
      expect(dom.thresholds).toBeGreaterThanOrEqual(7);
      expect(dom.markers).toEqual([...Array(4)].flatMap(() => ['PROCEED', 'PROCEED', 'ROLLBACK']));
      expect(dom.timelineBars).toBe(3);
      expect(dom.chartWidth).toBeGreaterThan(600);
      expect(dom.cause).toContain(
        'api_p95 hard breach at stage 3 quarter (25%): 450 ms; threshold hard > 400 ms',
      );
      expect(dom.stageRows).toBe(3);

      const shot = await page.screenshot({ fullPage: true });
      writeFileSync(path.join(dir, 'report.png'), shot);
      if (process.env.REPORT_SCREENSHOT) writeFileSync(process.env.REPORT_SCREENSHOT, shot);
      const pixels = pngColours(shot);
      expect(pixels.width).toBe(900);
      expect(pixels.distinct).toBeGreaterThan(50);
      expect(pixels.nonWhite / (pixels.width * pixels.height)).toBeGreaterThan(0.05);
      expect(requests.every((u) => u.startsWith('file:') || u.startsWith('data:'))).toBe(true);
      expect(requests).toEqual([pathToFileURL(file).href]);
    } finally {
      await context.close();
    }
  });
});
