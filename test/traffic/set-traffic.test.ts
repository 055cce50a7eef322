import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigurationError, loadPlan } from '../../src/config/index.js';
import { run as setTrafficCli } from '../../src/cli/commands/set-traffic.js';
import {
  applyShare,
  baselineShare,
  parseWeightInput,
  readBackMatches,
  setTraffic,
} from '../../src/traffic/set-traffic.js';
import { createHttpProvider } from '../../src/traffic/http.js';
import { startFlagServer, type FlagServer } from './flag-server.js';

describe('set-traffic (core and CLI)', () => {
  let dir: string;
  let flags: FlagServer;
  let planPath: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'canary-set-traffic-'));
    flags = await startFlagServer();
    const plan = parse(
      await readFile(new URL('../fixtures/reference-plan.yml', import.meta.url), 'utf8'),
    ) as { traffic: unknown };
    plan.traffic = {
      http: {
        url: `${flags.url}/api/features/rollout`,
        body: '{"feature":"v{{version}}","percentage":{{weight}}}',
        read_back: `${flags.url}/api/features/rollout?feature=v{{version}}`,
      },
    };
    planPath = path.join(dir, 'canary.yml');
    await writeFile(planPath, stringify(plan));
  });
  afterAll(async () => {
    await flags.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("applies a stage's share through the plan's provider and reads it back", async () => {
    const plan = await loadPlan(planPath);
    const r = await setTraffic({ plan, version: '1.4.0', stage: 'confidence', deps: { cwd: dir } });
    expect(r.share).toEqual({ weight: 5 });
    expect(r.readBack).toBe(5);
    expect(r.provider).toBe(`feature flag POST ${flags.url}/api/features/rollout`);
    expect(flags.percentage.get('v1.4.0')).toBe(5);
  });

  it('says which input is wrong', async () => {
    const plan = await loadPlan(planPath);
    await expect(setTraffic({ plan, version: '1.4.0', stage: 'quartre' })).rejects.toThrow(
      /stage: "quartre" is not a stage of the plan \(expected one of pilot, confidence, quarter, half, full\)/,
    );
    await expect(setTraffic({ plan, version: '1.4.0', stage: 'pilot', weight: 1 })).rejects.toThrow(
      /give one of them, not both/,
    );
    await expect(setTraffic({ plan, version: '1.4.0' })).rejects.toThrow(ConfigurationError);
    expect(() => parseWeightInput('120')).toThrow(/expected a percent 0..100/);
    expect(parseWeightInput('25%')).toBe(25);
    const { traffic: _none, ...withoutTraffic } = plan;
    await expect(
      setTraffic({ plan: withoutTraffic as typeof plan, version: '1.4.0', weight: 0 }),
    ).rejects.toThrow(/traffic: no provider is configured/);
  });

  it('runs from the CLI with --weight, printing the read-back', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    let printed: Record<string, unknown>;
    try {
      expect(await setTrafficCli(['--config', planPath, '--version', '1.4.0', '--weight', '50'])).toBe(0);
      printed = JSON.parse(String(out.mock.calls[0]![0]));
    } finally {
      out.mockRestore();
    }
    expect(printed).toMatchObject({ share: { weight: 50 }, applied: true, read_back: 50 });
    expect(flags.percentage.get('v1.4.0')).toBe(50);
  });
});

describe('applyShare: the confirmed, idempotent write of the stage gate cut and the rollback job', () => {
  let flags: FlagServer;
  beforeAll(async () => {
    flags = await startFlagServer();
  });
  afterAll(async () => {
    await flags.stop();
  });
  const provider = (readBack = true) =>
    createHttpProvider({
      url: `${flags.url}/api/features/rollout`,
      method: 'POST',
      body: '{"feature":"v{{version}}","percentage":{{weight}}}',
      ...(readBack ? { read_back: `${flags.url}/api/features/rollout?feature=v{{version}}` } : {}),
    });

  it('writes and reads back, then finds the share in place and writes nothing', async () => {
    const first = await applyShare(provider(), { weight: 0 }, { version: '7.0.0' });
    expect(first).toMatchObject({ changed: true, readBack: 0 });
    const sets = flags.events.filter((e) => e.kind === 'set').length;
    const again = await applyShare(provider(), { weight: 0 }, { version: '7.0.0' });
    expect(again).toEqual({
      changed: false,
      readBack: 0,
      detail: 'already at 0% (read back 0); nothing written',
    });
    expect(flags.events.filter((e) => e.kind === 'set')).toHaveLength(sets);
  });

  it('a read-back that differs is an error; a provider that cannot read says the write is unconfirmed', async () => {
    flags.readBackOverride = 25;
    await expect(
      applyShare(provider(), { weight: 0 }, { version: '7.0.1' }, { skipWhenInPlace: false }),
    ).rejects.toThrow(/the flag reads 25% after setting 0%/);
    flags.readBackOverride = undefined;
    const blind = await applyShare(provider(false), { weight: 0 }, { version: '7.0.2' });
    expect(blind.changed).toBe(true);
    expect(blind.readBack).toBeNull();
    expect(blind.detail).toMatch(/not read back \(traffic\.http: no read_back URL is configured/);
  });

  it('the baseline share covers every flow a per-flow plan routes', async () => {
    const plan = await loadPlan(new URL('../../examples/tradepulse.yml', import.meta.url).pathname);
    const share = baselineShare(plan);
    expect(share.weight).toBe(plan.rollback.traffic);
    expect(Object.keys(share.flows ?? {}).sort()).toEqual(
      [
        ...new Set(plan.stages.flatMap((s) => (typeof s.traffic === 'number' ? [] : Object.keys(s.traffic)))),
      ].sort(),
    );
    expect(readBackMatches(0, { weight: 0 })).toBe(true);
    expect(readBackMatches({ agency: 0 }, { weight: 0, flows: { agency: 0, market_making: 0 } })).toBe(false);
  });
});
