/**
 * One clock for people: T+ from the freeze's start, the same in the war-room lines, the mini-RCA timeline, the
 * report's totals and the job summary; times in the plan's zone with the UTC offset.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { releaseMark, releaseT0, zonedTime } from '../../src/evidence/release-clock.js';
import { FREEZE_STATE_SCHEMA } from '../../src/freeze/state.js';
import { readLocalEvidence } from '../../src/evidence/release-evidence.js';
import { verdictLine } from '../../src/rca/facts.js';
import { renderRcaMarkdown } from '../../src/rca/markdown.js';
import { escapeHtml } from '../../src/rca/report.js';
import { rcaSummaryHtml } from '../../src/rca/summary.js';
import { deriveRca } from '../../src/rca/rca.js';
import { parseStageResults } from '../../src/evidence/stage-results.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { runRelease, VERSION } from './release-fixtures.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'release-clock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function freezeState(version: string, startedAt: string): string {
  return JSON.stringify({
    schema: FREEZE_STATE_SCHEMA,
    active: true,
    release: `v${version}`,
    version,
    started_at: startedAt,
    actor: 'release-bot',
    run_url: 'local',
    label: 'hold-for-canary',
    status_check: 'release-freeze',
    base_branches: ['main'],
    counts: null,
    pre_labelled: [],
    held: [],
    ended_at: null,
    ended_by: null,
    released: null,
  });
}

describe('the release clock', () => {
  it("counts from the freeze's start, else from the first recorded moment", () => {
    const decisions = [{ start_timestamp: '2026-03-03T06:20:00Z' }];
    const stages = [{ started_at: '2026-03-03T06:30:00Z' }];
    expect(releaseT0({ freezeStartedAt: '2026-03-03T06:00:00Z', decisions, stages })?.toISOString()).toBe(
      '2026-03-03T06:00:00.000Z',
    );
    expect(releaseT0({ freezeStartedAt: null, decisions, stages })?.toISOString()).toBe(
      '2026-03-03T06:20:00.000Z',
    );
    expect(releaseT0({})).toBeNull();
    expect(releaseMark('2026-03-03T07:40:00Z', new Date('2026-03-03T06:00:00Z'))).toBe(':100');
    expect(zonedTime('2026-03-03T06:00:00Z', 'Europe/Istanbul')).toBe('2026-03-03 09:00:00 +03:00');
  });

  it("reads this version's freeze start beside a checkout, and not another release's", async () => {
    const checkout = path.join(root, 'checkout');
    const dir = path.join(checkout, 'evidence', '1.4.0');
    mkdirSync(dir, { recursive: true });
    mkdirSync(path.join(checkout, 'freeze'), { recursive: true });
    writeFileSync(path.join(checkout, 'freeze', 'state.json'), freezeState('1.4.0', '2026-03-03T06:00:00Z'));
    const mine = await readLocalEvidence({ evidenceDir: dir, checkoutRoot: checkout, version: '1.4.0' });
    expect(mine.freezeStartedAt).toBe('2026-03-03T06:00:00Z');
    const other = await readLocalEvidence({ evidenceDir: dir, checkoutRoot: checkout, version: '1.5.0' });
    expect(other.freezeStartedAt).toBeNull();
  });

  it('the mini-RCA timeline and the total duration agree on T0 = freeze start', async () => {
    const run = await runRelease('rolled-back');
    const stages = run.stages.flatMap((r, i) => parseStageResults(JSON.stringify(r), `stage_${i + 1}.json`));
    const firstStage = Date.parse(stages[0]!.started_at);
    const freezeStartedAt = new Date(firstStage - 30 * 60_000).toISOString();
    const rca = deriveRca({
      plan: run.plan,
      version: VERSION,
      stages,
      decisions: run.decisions,
      clock: { now: () => new Date(stages.at(-1)!.decided_at) },
      freezeStartedAt,
    });
    expect(rca.facts.startedAt).toBe(freezeStartedAt);
    expect(rca.timeline[0]).toMatchObject({ minute: ':00', label: 'freeze started', at: freezeStartedAt });
    const stage1 = rca.timeline.find((e) => e.kind === 'stage-start')!;
    expect(stage1.minute).toBe(':30');
    // The last mark and the total are the same span.
    const last = rca.timeline.at(-1)!;
    expect(Number(last.minute.slice(1))).toBe(Math.floor(rca.facts.duration_s / 60));
    // People read the times in the plan's zone with the offset.
    const md = renderRcaMarkdown(rca, {
      clock: { now: () => new Date(stages.at(-1)!.decided_at) },
      templates: createTemplateSource(),
      dir: 'evidence/1.4.0',
    });
    expect(md.content).toContain(
      `:00 ${zonedTime(freezeStartedAt, run.plan.release.timezone)} | freeze started`,
    );
    expect(md.content).toMatch(/:30 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d \| stage 1 /);
  });
});

describe('the mini-RCA job summary', () => {
  it('is compact: the verdict line, the full reason once folded, a verdict line per stage, the timeline in the plan zone', async () => {
    const run = await runRelease('rolled-back');
    const stages = run.stages.flatMap((r, i) => parseStageResults(JSON.stringify(r), `stage_${i + 1}.json`));
    const derived = deriveRca({
      plan: run.plan,
      version: VERSION,
      stages,
      decisions: run.decisions,
      clock: { now: () => new Date(stages.at(-1)!.decided_at) },
    });
    // A reason of several clauses, as a no-data rollback gives (one per guardrail).
    const long = `${derived.facts.outcomeReason}; error_rate: <unmeasurable>; accept_errors: unmeasurable`;
    const rca = { ...derived, facts: { ...derived.facts, outcomeReason: long } };
    const html = rcaSummaryHtml({
      rca,
      dryRun: false,
      evidencePaths: ['evidence/1.4.0/mini_rca_1.4.0.md', 'evidence/1.4.0/report.html'],
      pushed: true,
      changed: true,
    });
    const reason = rca.facts.outcomeReason;
    expect(reason).not.toBe(verdictLine(reason));
    // The full reason once (folded); everywhere else its verdict line.
    expect(html.split(escapeHtml(reason)).length - 1).toBe(1);
    expect(html).toContain(`<details><summary>Full reason</summary><p>${escapeHtml(reason)}</p></details>`);
    expect(html).toContain(`<th>Time (${run.plan.release.timezone})</th>`);
    expect(html).toContain(`<td>${zonedTime(rca.timeline[0]!.at, run.plan.release.timezone)}</td>`);
    expect(html).toMatch(/<tr><td>3<\/td><td>quarter<\/td><td>25%<\/td><td><b>ROLLBACK<\/b><\/td>/);
    expect(html).toContain('<code>evidence/1.4.0/report.html</code>');
  });
});
