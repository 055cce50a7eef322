import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSecret } from '../../src/secrets/masker.js';
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

  it('gets a minimal environment plus traffic.env, placeholders as data, and masks secrets in its failure', async () => {
    const env = {
      PATH: process.env.PATH,
      GITHUB_TOKEN: 'ghs-FAKE-traffic-token-1a2b3c',
      FLAG_API_KEY: 'flag-FAKE-key-4d5e6f',
    };
    const provider = createRunProvider(
      'echo "stage=$CANARY_STAGE gh=$GITHUB_TOKEN key=$FLAG_API_KEY" > env.txt; echo "failed with {{stage}} $FLAG_API_KEY" >&2; exit 4',
      { cwd: dir, env, envSpec: ['FLAG_API_KEY'] },
    );
    registerSecret(env.FLAG_API_KEY);
    await expect(
      provider.set({ weight: 5 }, { version: '1.4.0', stage: 'pilot;touch${IFS}injected' }),
    ).rejects.toThrow(/exited 4: failed with pilot;touch\$\{IFS\}injected \*\*\*$/);
    expect(await readFile(path.join(dir, 'env.txt'), 'utf8')).toBe(
      'stage=pilot;touch${IFS}injected gh= key=flag-FAKE-key-4d5e6f\n',
    );
    await expect(readFile(path.join(dir, 'injected'))).rejects.toThrow(/ENOENT/);
  });

  it('runs nothing in dry-run', async () => {
    const provider = createRunProvider('touch should-not-exist', { cwd: dir });
    const r = await provider.set({ weight: 0 }, { version: '1.4.0', dryRun: true });
    expect(r).toMatchObject({ applied: false, detail: 'dry-run: would run: touch should-not-exist' });
    await expect(readFile(path.join(dir, 'should-not-exist'))).rejects.toThrow(/ENOENT/);
  });
});
