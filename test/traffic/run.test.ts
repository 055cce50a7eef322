import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunProvider } from '../../src/traffic/run.js';

describe('run traffic provider (a command with {{weight}})', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'canary-run-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a shell command with the weight, version and stage rendered', async () => {
    const provider = createRunProvider('echo "{{weight}} v{{version}} {{stage}}" > weight.txt', { cwd: dir });
    const r = await provider.set({ weight: 25 }, { version: '1.4.0', stage: 'quarter' });
    expect(r.applied).toBe(true);
    expect(await readFile(path.join(dir, 'weight.txt'), 'utf8')).toBe('25 v1.4.0 quarter\n');
  });

  it('runs an argv list without a shell, once per flow when it names {{flow}}', async () => {
    const provider = createRunProvider(['sh', '-c', 'echo "$0=$1" >> flows.txt', '{{flow}}', '{{weight}}'], {
      cwd: dir,
    });
    await provider.set({ weight: 1, flows: { market_making: 1, agency: 0.5 } }, { version: '1.4.0' });
    expect(await readFile(path.join(dir, 'flows.txt'), 'utf8')).toBe('market_making=1\nagency=0.5\n');
  });

  it('fails with the exit code and the end of stderr', async () => {
    const provider = createRunProvider('echo "ingress controller unreachable" >&2; exit 3', { cwd: dir });
    await expect(provider.set({ weight: 0 }, { version: '1.4.0' })).rejects.toThrow(
      /exited 3: ingress controller unreachable/,
    );
  });

  it('runs nothing in dry-run', async () => {
    const provider = createRunProvider('touch should-not-exist', { cwd: dir });
    const r = await provider.set({ weight: 0 }, { version: '1.4.0', dryRun: true });
    expect(r).toMatchObject({ applied: false, detail: 'dry-run: would run: touch should-not-exist' });
    await expect(readFile(path.join(dir, 'should-not-exist'))).rejects.toThrow(/ENOENT/);
  });
});
