/**
 * The notification credentials a plan names are secrets of the run from the moment the plan is read, even when
 * their variables have names the masker would not guess (no TOKEN, KEY or WEBHOOK in them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { createSecretMasker, planSecretValues, registerPlanSecrets } from '../../src/secrets/index.js';

const plan = parsePlan(
  `${readFileSync('test/fixtures/reference-plan.yml', 'utf8')}
notify:
  webhooks:
    - { url_env: OPS_BUS, headers_env: { X-Ops-Signature: OPS_SIG }, template: '{"t": "{{text}}"}' }
  teams: [{ url_env: RELEASE_ROOM }]
  pagerduty: { routing_key_env: PD_ROUTING }
  grafana: { url: "http://canary:graf-url-pass-31@127.0.0.1:3000", token_env: GRAF_SA }
`,
);
const env = {
  OPS_BUS: 'http://127.0.0.1:8080/bus/FAKE-ops-bus-91',
  OPS_SIG: 'sig-FAKE-ops-7766',
  RELEASE_ROOM: 'https://example.test/workflows/FAKE-teams-1234/invoke',
  PD_ROUTING: 'R0FAKEplanroutingkey000000aabbcc',
  GRAF_SA: 'glsa_FAKEplan_5544',
};

describe('notification secrets of a plan', () => {
  it('are the webhook URL and headers, the Teams URL, the routing key, the Grafana token and URL password', () => {
    expect(planSecretValues(plan, env)).toEqual(
      expect.arrayContaining([...Object.values(env), 'graf-url-pass-31']),
    );
  });

  it('are masked once the plan is registered', () => {
    const m = createSecretMasker();
    registerPlanSecrets(plan, env, m);
    const leak = `${Object.values(env).join(' ')} http://canary:graf-url-pass-31@127.0.0.1:3000`;
    expect(m.mask(leak)).toBe('*** *** *** *** *** http://canary:***@127.0.0.1:3000');
  });
});
