import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/index.js';
import { createHttpProvider, weightFromAnswer } from '../../src/traffic/http.js';
import { startFlagServer, type FlagServer } from './flag-server.js';

const BODY = '{"feature":"v{{version}}","percentage":{{weight}}}';

describe('http traffic provider (feature flag)', () => {
  let flags: FlagServer;
  beforeAll(async () => {
    flags = await startFlagServer();
  });
  afterAll(async () => {
    await flags.stop();
  });

  it('posts the rendered body of the reference plan and reads the weight back', async () => {
    const provider = createHttpProvider(
      {
        url: `${flags.url}/api/features/rollout`,
        method: 'POST',
        body: BODY,
        headers: { 'x-release': 'v{{version}}' },
        token_env: 'FLAG_TOKEN',
        read_back: `${flags.url}/api/features/rollout?feature=v{{version}}`,
      },
      { env: { FLAG_TOKEN: 'sekrit-flag-token' } },
    );
    const result = await provider.set({ weight: 25 }, { version: '1.4.0', stage: 'quarter' });
    expect(result).toMatchObject({ applied: true, readBack: 25 });
    const post = flags.requests.find((r) => r.method === 'POST')!;
    expect(JSON.parse(post.body)).toEqual({ feature: 'v1.4.0', percentage: 25 });
    expect(post.authorization).toBe('Bearer sekrit-flag-token');
    expect(post.headers['x-release']).toBe('v1.4.0');
    expect(result.detail).not.toContain('sekrit');
    expect(await provider.read!({ version: '1.4.0' })).toBe(25);
  });

  it('fails when the read-back disagrees with what was written', async () => {
    flags.readBackOverride = 5;
    try {
      const provider = createHttpProvider({
        url: `${flags.url}/api/features/rollout`,
        method: 'POST',
        body: BODY,
        read_back: `${flags.url}/api/features/rollout?feature=v{{version}}`,
      });
      await expect(provider.set({ weight: 50 }, { version: '1.4.0' })).rejects.toThrow(
        /reads 5% after setting 50%/,
      );
    } finally {
      delete flags.readBackOverride;
    }
  });

  it('sends one request per flow when the body names {{flow}}', async () => {
    const before = flags.requests.length;
    const provider = createHttpProvider({
      url: `${flags.url}/api/features/rollout`,
      method: 'PUT',
      body: '{"feature":"v{{version}}","flow":"{{flow}}","percentage":{{weight}}}',
    });
    await provider.set({ weight: 1, flows: { market_making: 1, agency: 0.5 } }, { version: '2.0.0' });
    const sent = flags.requests.slice(before).map((r) => [r.method, JSON.parse(r.body)]);
    expect(sent).toEqual([
      ['PUT', { feature: 'v2.0.0', flow: 'market_making', percentage: 1 }],
      ['PUT', { feature: 'v2.0.0', flow: 'agency', percentage: 0.5 }],
    ]);
    expect(flags.percentage.get('v2.0.0/agency')).toBe(0.5);
  });

  it('reports an HTTP error with the status, and a missing token env as a configuration error', async () => {
    flags.writeStatus = 503;
    try {
      const provider = createHttpProvider({
        url: `${flags.url}/api/features/rollout`,
        method: 'POST',
        body: BODY,
      });
      await expect(provider.set({ weight: 1 }, { version: '1.4.0' })).rejects.toThrow(/answered HTTP 503/);
    } finally {
      flags.writeStatus = 200;
    }
    const needsToken = createHttpProvider(
      { url: `${flags.url}/api/features/rollout`, method: 'POST', body: BODY, token_env: 'NOPE_TOKEN' },
      { env: {} },
    );
    await expect(needsToken.set({ weight: 1 }, { version: '1.4.0' })).rejects.toThrow(ConfigurationError);
    await expect(needsToken.set({ weight: 1 }, { version: '1.4.0' })).rejects.toThrow(
      /NOPE_TOKEN is not set/,
    );
  });

  it('names the URL when the flag service is down', async () => {
    const down = await startFlagServer();
    const url = `${down.url}/api/features/rollout`;
    await down.stop();
    const provider = createHttpProvider({ url, method: 'POST', body: BODY });
    await expect(provider.set({ weight: 0 }, { version: '1.4.0' })).rejects.toThrow(
      new RegExp(`POST ${url.replace(/[.?]/g, '\\$&')} failed: ECONNREFUSED`),
    );
  });

  it('sends nothing in dry-run', async () => {
    const before = flags.requests.length;
    const provider = createHttpProvider({
      url: `${flags.url}/api/features/rollout`,
      method: 'POST',
      body: BODY,
    });
    const r = await provider.set({ weight: 5 }, { version: '1.4.0', dryRun: true });
    expect(r.applied).toBe(false);
    expect(r.detail).toContain('"percentage":5');
    expect(flags.requests.length).toBe(before);
  });

  it('finds the weight in common read-back answers', () => {
    expect(weightFromAnswer(7)).toBe(7);
    expect(weightFromAnswer('7')).toBe(7);
    expect(weightFromAnswer({ percentage: 3 })).toBe(3);
    expect(weightFromAnswer({ weight: '12' })).toBe(12);
    expect(weightFromAnswer({ enabled: true })).toBeUndefined();
  });
});
