import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { ConfigurationError, loadPlan } from '../../src/config/index.js';
import { run as setTrafficCli } from '../../src/cli/commands/set-traffic.js';
import { parseWeightInput, setTraffic } from '../../src/traffic/set-traffic.js';
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
