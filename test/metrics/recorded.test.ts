import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import {
  loadRecording,
  parseRecording,
  RecordedSource,
  saveRecording,
  type Recording,
} from '../../src/metrics/recorded.js';
import { planQuery } from './queries.js';

const T = 1_772_445_600; // 2026-03-02T10:00:00Z
const at = (seconds: number) => new Date((T + seconds) * 1000);
const p95 = planQuery('p95_latency_ms', 'canary');

const recording: Recording = {
  series: [
    // deliberately out of order: the source sorts
    {
      metric: 'p95_latency_ms',
      track: 'canary',
      points: [
        [T + 120, 180],
        [T, 120],
        [T + 60, 150],
        [T + 600, 'NaN'],
        [T + 660, '+Inf'],
      ],
    },
    { metric: 'p95_latency_ms', track: 'baseline', points: [[T, 118]] },
  ],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'recorded-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RecordedSource', () => {
  const source = new RecordedSource(recording, { origin: 'spark.json' });

  it('returns the latest point at or before the time asked for', async () => {
    expect(await source.instant(p95, at(0))).toEqual({ ok: true, value: 120, at: at(0), query: p95.query });
    expect(await source.instant(p95, at(59))).toMatchObject({ ok: true, value: 120 });
    expect(await source.instant(p95, at(60))).toMatchObject({ ok: true, value: 150 });
    expect(await source.instant(p95, at(400))).toMatchObject({ ok: true, value: 180 });
    expect(await source.instant(planQuery('p95_latency_ms', 'baseline'), at(290))).toMatchObject({
      ok: true,
      value: 118,
    });
  });

  it('is no-data before the first point and after the staleness window (5 min by default)', async () => {
    const before = await source.instant(p95, at(-1));
    expect(before).toMatchObject({ ok: false, reason: 'no-data' });
    const stale = await source.instant(p95, at(120 + 301));
    expect(stale).toMatchObject({ ok: false, reason: 'no-data' });
    if (!stale.ok) {
      expect(stale.message).toContain('recording spark.json');
      expect(stale.message).toContain('301 s older');
      expect(stale.message).toContain(p95.query);
    }
    const strict = new RecordedSource(recording, { stalenessSeconds: 30 });
    expect(await strict.instant(p95, at(31))).toMatchObject({ ok: false, reason: 'no-data' });
  });

  it('replays recorded NaN and +Inf as nan, and an unknown series as no-data', async () => {
    const nan = await source.instant(p95, at(600));
    expect(nan).toMatchObject({ ok: false, reason: 'nan' });
    const inf = await source.instant(p95, at(700));
    expect(inf).toMatchObject({ ok: false, reason: 'nan' });
    if (!inf.ok) expect(inf.message).toContain('+Inf');
    const unknown = await source.instant(planQuery('mem_available_pct', 'canary'), at(0));
    expect(unknown).toMatchObject({ ok: false, reason: 'no-data' });
    if (!unknown.ok) expect(unknown.message).toContain('mem_available_pct/canary: no such series');
  });

  it('round-trips through a file and names the file and field on bad input', async () => {
    const file = join(dir, 'rec.json');
    await saveRecording(file, recording);
    const loaded = await loadRecording(file);
    expect(loaded).toEqual(recording);

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ series: [{ metric: 'x', track: 'stable', points: [] }] }));
    await expect(loadRecording(bad)).rejects.toThrow(ConfigurationError);
    await expect(loadRecording(bad)).rejects.toThrow(
      /bad\.json: not a metric recording[\s\S]*series\.0\.track/,
    );
    await writeFile(bad, '{ nope');
    await expect(loadRecording(bad)).rejects.toThrow(/bad\.json: not valid JSON/);
    await expect(loadRecording(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read/);
    expect(() => parseRecording({ series: [recording.series[1], recording.series[1]] }, 'dup.json')).toThrow(
      /dup\.json: series\[1\]: p95_latency_ms\/baseline appears twice/,
    );
  });
});
