/**
 * The first night's burn-rate query is validated with the plan: a placeholder that has no value when the night is
 * measured is a problem naming signoff.<name>.slo_burn_rate_query, before any release starts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, validatePlanText } from '../../src/config/index.js';

const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');
const withQuery = (query: string) =>
  reference.replace(
    'first_night: { environment: first-night, window: 24h, slo_burn_rate_max: 1.5 }',
    `first_night: { environment: first-night, window: 24h, slo_burn_rate_max: 1.5, slo_burn_rate_query: '${query}' }`,
  );

describe('signoff.first_night.slo_burn_rate_query', () => {
  it('accepts {{track}}, {{service}} and {{version}}', () => {
    const text = withQuery('slo:burn_rate24h{track="{{track}}",service="{{service}}",version="{{version}}"}');
    expect(text).not.toBe(reference);
    expect(validatePlanText(text).ok).toBe(true);
  });

  it('refuses placeholders without a value at the first night, naming the field', () => {
    const r = validatePlanText(withQuery('slo:burn{stage="{{stage}}",at="{{time}}"}'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map(formatProblem)).toContainEqual(
        expect.stringMatching(
          /^signoff\.first_night\.slo_burn_rate_query .*\{\{stage\}\}, \{\{time\}\} has no value when the first night is measured/,
        ),
      );
  });
});

describe('a first night on a source other than Prometheus', () => {
  it('needs the burn-rate query stated: it is derived from a guardrail only for PromQL', () => {
    const web = reference.replace(
      / {2}prometheus:\n {4}url: [^\n]*\n {4}bearer_token_env: PROM_TOKEN[^\n]*\n/,
      '  web: { url: "http://127.0.0.1:8080/api/" }\n',
    );
    expect(web).not.toBe(reference);
    const r = validatePlanText(web);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map(formatProblem)).toContainEqual(
        expect.stringMatching(/^signoff\.first_night .*has slo_burn_rate_max but no slo_burn_rate_query/),
      );
    const stated = web.replace(
      'slo_burn_rate_max: 1.5 }',
      "slo_burn_rate_max: 1.5, slo_burn_rate_query: 'slo/burn?track={{track}} $.value' }",
    );
    const ok = validatePlanText(stated);
    expect(ok.ok, ok.ok ? '' : ok.problems.map(formatProblem).join('\n')).toBe(true);
  });
});
