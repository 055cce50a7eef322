/** The one masker: what it learns, and how it masks text and records. */
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { createSecretMasker } from '../../src/secrets/masker.js';
import { planSecretValues, registerPlanSecrets } from '../../src/secrets/plan-secrets.js';
import { readFileSync } from 'node:fs';

describe('createSecretMasker', () => {
  it('masks every registered value, longest first, and its JSON- and URL-escaped forms', () => {
    const m = createSecretMasker(['abcd1234', 'abcd1234-longer', 'p@ss/w"rd']);
    expect(m.mask('x abcd1234-longer y abcd1234 z')).toBe('x *** y *** z');
    expect(m.mask(JSON.stringify({ pw: 'p@ss/w"rd' }))).toBe('{"pw":"***"}');
    expect(m.mask(`https://h/?p=${encodeURIComponent('p@ss/w"rd')}`)).toBe('https://h/?p=***');
  });

  it('ignores values too short to be secrets, and guesses from variable names only for long values', () => {
    const m = createSecretMasker(['abc', '']);
    m.addFromEnv({
      DEBUG: 'verbose-mode',
      PROM_TOKEN: 'prom-123456',
      API_KEY: 'true',
      SLACK_WEBHOOK: 'https://h/x/y',
    });
    expect(m.mask('abc verbose-mode prom-123456 true https://h/x/y')).toBe('abc verbose-mode *** true ***');
  });

  it('masks every string of a record, keys included, leaving numbers and booleans', () => {
    const m = createSecretMasker(['tok-998877']);
    expect(
      m.maskValue({
        notes: 'saw tok-998877',
        n: 3,
        ok: true,
        list: ['tok-998877'],
        nested: { 'tok-998877': 1 },
      }),
    ).toEqual({ notes: 'saw ***', n: 3, ok: true, list: ['***'], nested: { '***': 1 } });
  });

  it('tells its listeners about every value, including those known before they subscribed', () => {
    const m = createSecretMasker(['first-secret']);
    const seen: string[] = [];
    m.onAdd((v) => seen.push(v));
    m.add('second-secret');
    m.add('second-secret');
    expect(seen).toEqual(['first-secret', 'second-secret']);
  });
});

describe('the secrets a plan points at', () => {
  const plan = parsePlan(
    readFileSync('test/fixtures/reference-plan.yml', 'utf8')
      .replace(
        '    bearer_token_env: PROM_TOKEN         # optional; never logged, never written to evidence',
        '    bearer_token_env: PROM_TOKEN\n    headers: { X-Scope-OrgID: team-a, Authorization: "Bearer hdr-token-5566" }',
      )
      .concat('\nnotify:\n  webhooks:\n    - { url_env: CANARY_WEBHOOK_URL }\n'),
  );
  const env = {
    PROM_TOKEN: 'prom-fake-token-3d4e5f',
    CANARY_WEBHOOK_URL: 'https://hooks.example.test/services/T000/B000/fakewebhook',
    CANARY_PROMETHEUS_URL: 'http://user:prom-url-pass-77@127.0.0.1:9090',
  };

  it('are the bearer token, secret headers, URL passwords and webhook URLs, not ordinary headers', () => {
    const values = planSecretValues(plan, env);
    expect(values).toEqual(
      expect.arrayContaining([
        'prom-fake-token-3d4e5f',
        'Bearer hdr-token-5566',
        'hdr-token-5566',
        'prom-url-pass-77',
        'https://hooks.example.test/services/T000/B000/fakewebhook',
      ]),
    );
    expect(values).not.toContain('team-a');
  });

  it('are masked once registered', () => {
    const m = createSecretMasker();
    registerPlanSecrets(plan, env, m);
    expect(
      m.mask(`curl ${env.CANARY_WEBHOOK_URL} -H "Authorization: Bearer hdr-token-5566" ${env.PROM_TOKEN}`),
    ).toBe('curl *** -H "Authorization: ***" ***');
  });
});
