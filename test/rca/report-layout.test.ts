/**
 * The release report as a reviewer sees it at 1200 px in headless Chromium, for a promoted, a rolled-back and a
 * no-data release simulated end to end: nothing wider than its column, no SVG label past its chart's edge (the
 * clipped "ROLLBACK 20m, 1 hold(" of old), times in the plan's zone with the UTC offset, one verdict line per
 * stage, the full reason once, and every evidence file linked, the rollback record included.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verdictLine } from '../../src/rca/report.js';
import type { ScenarioName } from '../../src/simulate/scenarios.js';
import { referenceRelease } from '../support/shared-simulations.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'report-layout-'));
let context: BrowserContext;

beforeAll(async () => {
  context = await chromium.launchPersistentContext(path.join(root, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
    viewport: { width: 1200, height: 900 },
  });
});
afterAll(async () => {
  await context?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Measured in the page: every element wider than its box, and every SVG text outside its chart. */
const LAYOUT_PROBE = `(() => {
  const overflowing = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg')) continue;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      overflowing.push(el.tagName + '.' + el.className + ': ' + el.scrollWidth + ' > ' + el.clientWidth + ' ' + el.textContent.slice(0, 60));
    const box = el.getBoundingClientRect();
    if (box.right > document.body.getBoundingClientRect().right + 1)
      overflowing.push(el.tagName + ' past the page: ' + el.textContent.slice(0, 60));
  }
  const clipped = [];
  for (const svg of document.querySelectorAll('svg')) {
    const width = svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBBox();
      if (b.x < -0.5 || b.x + b.width > width + 0.5) clipped.push(t.textContent + ' [' + b.x.toFixed(0) + '..' + (b.x + b.width).toFixed(0) + ' of ' + width + ']');
    }
  }
  return {
    overflowing,
    clipped,
    pageWidth: document.documentElement.scrollWidth,
    times: [...document.querySelectorAll('td.time')].map((td) => td.textContent),
    // Headers, badges and times are labels: each on one line, never broken mid-word.
    brokenLabels: [...document.querySelectorAll('th, .badge, td.time')].filter((el) => { const r = document.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1; }).map((el) => el.textContent),
    // Line boxes of each time cell's text: 1 when the timestamp is on one line, more when it wrapped.
    timeLines: [...document.querySelectorAll('td.time')].map((td) => { const r = document.createRange(); r.selectNodeContents(td); return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size; }),
    verdicts: [...document.querySelectorAll('table.stages td.verdict')].map((td) => td.textContent),
    links: [...document.querySelectorAll('ul.evidence a')].map((a) => a.getAttribute('href')),
    text: document.body.innerText,
  };
})()`;

interface Layout {
  overflowing: string[];
  clipped: string[];
  pageWidth: number;
  times: string[];
  timeLines: number[];
  brokenLabels: string[];
  verdicts: string[];
  links: string[];
  text: string;
}

const CASES: Array<[string, ScenarioName, string]> = [
  ['promoted', 'healthy', 'PROMOTED'],
  ['rolled back', 'latency-regression', 'ROLLED-BACK'],
  ['no data', 'no-data', 'ROLLED-BACK'],
];

describe.each(CASES)('the %s report at 1200 px', (label, scenario, outcome) => {
  it(
    'fits its columns, keeps every label whole, shows plan-zone times and links every evidence file',
    { timeout: 240_000 },
    async () => {
      // The same rehearsals simulate.test.ts checks the outcomes of.
      const sim = await referenceRelease(scenario);
      const file = path.join(sim.evidenceCheckout, sim.evidenceDir, 'report.html');
      const html = readFileSync(file, 'utf8');
      const page = await context.newPage();
      try {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        const layout = (await page.evaluate(LAYOUT_PROBE)) as Layout;
        expect(layout.overflowing, label).toEqual([]);
        expect(layout.clipped, label).toEqual([]);
        expect(layout.brokenLabels, label).toEqual([]);
        expect(layout.pageWidth).toBeLessThanOrEqual(1200);

        // Times in the plan's zone (Europe/Istanbul, UTC+3 in November) with the offset, never wrapped.
        expect(layout.times.length).toBeGreaterThan(0);
        for (const t of layout.times.filter((x) => /\d{4}-/.test(x)))
          expect(t).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+03:00$/);
        expect(layout.timeLines.length).toBe(layout.times.length);
        expect(layout.timeLines.every((n) => n === 1)).toBe(true);
        expect(layout.text).toContain('Europe/Istanbul');
        expect(layout.text).toContain(outcome);

        // One short verdict per stage; the deciding stage's full reason appears once in the page.
        expect(layout.verdicts).toHaveLength(sim.stages.length);
        for (const v of layout.verdicts) expect(v.length).toBeLessThanOrEqual(140);
        const deciding = sim.stages.at(-1)!.reason;
        if (verdictLine(deciding) === deciding) expect(layout.verdicts.at(-1)).toBe(deciding);
        else expect(html.split(escapeForHtml(deciding)).length - 1).toBe(1);

        // Every evidence file is linked, the rollback record and the decision log included.
        const committed = readFileSync(path.join(sim.evidenceCheckout, sim.decisionLog), 'utf8');
        expect(committed.length).toBeGreaterThan(0);
        expect(layout.links).toContain(`../../${sim.decisionLog}`);
        expect(layout.links).toContain('preflight.txt');
        if (sim.outcome === 'rolled_back')
          expect(layout.links.some((l) => /^rollback_\d{8}_\d{6}\.txt$/.test(l))).toBe(true);

        const shot = await page.screenshot({ fullPage: true });
        writeFileSync(path.join(root, `${scenario}.png`), shot);
        expect(shot.readUInt32BE(16)).toBe(1200); // PNG width
        expect(shot.length).toBeGreaterThan(50_000);
      } finally {
        await page.close();
      }
    },
  );
});

function escapeForHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
