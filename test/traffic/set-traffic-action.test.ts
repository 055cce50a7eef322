/** The BUNDLED set-traffic action, run as the runner runs it, against a local feature-flag server. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runAction } from '../support/run-action.js';
import { startFlagServer, type FlagServer } from './flag-server.js';

describe('set-traffic action (bundled dist)', () => {
  let dir: string;
  let flags: FlagServer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'canary-set-traffic-action-'));
    flags = await startFlagServer();
    const plan = parse(
      await readFile(new URL('../fixtures/reference-plan.yml', import.meta.url), 'utf8'),
    ) as { traffic: { http: Record<string, unknown> } };
    plan.traffic.http = {
      ...plan.traffic.http,
      url: `${flags.url}/api/features/rollout`,
      token_env: 'FLAG_TOKEN',
      read_back: `${flags.url}/api/features/rollout?feature=v{{version}}`,
    };
    await writeFile(path.join(dir, 'canary.yml'), stringify(plan));
  });
  afterAll(async () => {
    await flags.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("sets a stage's weight, outputs the read-back and never shows the token", async () => {
    const run = await runAction('set-traffic', {
      cwd: dir,
      inputs: { config: 'canary.yml', version: '1.4.0', stage: 'quarter' },
      env: { FLAG_TOKEN: 'flag-secret-123' },
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs).toMatchObject({ weight: '25', 'read-back': '25', flows: '', changed: 'true' });
    expect(flags.percentage.get('v1.4.0')).toBe(25);
    expect(flags.requests.at(-2)!.authorization).toBe('Bearer flag-secret-123');
    expect(run.summary).toContain('Traffic: spark-trading-api v1.4.0 → 25%');
    // `::add-mask::` lines register the token with the runner, which never prints them; nothing else may hold it.
    const logged = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(logged + run.summary).not.toContain('flag-secret-123');
  });

  it('fails naming the inputs when both stage and weight are given, and changes nothing in dry-run', async () => {
    const both = await runAction('set-traffic', {
      cwd: dir,
      inputs: { config: 'canary.yml', version: '1.4.0', stage: 'quarter', weight: '5' },
      env: { FLAG_TOKEN: 'x' },
    });
    expect(both.exitCode).not.toBe(0);
    expect(both.annotations.map((a) => a.message)).toContain(
      'stage, weight: give one of them, not both (a stage name of the plan, or a weight 0..100)',
    );
    const before = flags.requests.length;
    const dry = await runAction('set-traffic', {
      cwd: dir,
      inputs: { config: 'canary.yml', version: '1.4.0', weight: '0', 'dry-run': 'true' },
      env: { FLAG_TOKEN: 'x' },
    });
    expect(dry.exitCode, dry.stdout + dry.stderr).toBe(0);
    expect(dry.outputs).toMatchObject({ weight: '0', changed: 'false' });
    expect(flags.requests.length).toBe(before);
  });
});
