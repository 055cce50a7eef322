/**
 * The first night's burn-rate query is validated with the plan: a placeholder that has no value when the night is
 * measured is a problem naming signoff.<name>.slo_burn_rate_query, before any release starts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, validatePlanText } from '../../src/config/index.js';

const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');
const QUERY_LINE = /\n {4}slo_burn_rate_query: [^\n]*/;
const withQuery = (query: string) => reference.replace(QUERY_LINE, `\n    slo_burn_rate_query: '${query}'`);

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

describe('a first night without its burn-rate query', () => {
  it('is refused on every source, with an example of the query to state: it is never guessed from a guardrail', () => {
    const without = reference.replace(QUERY_LINE, '');
    expect(without).not.toBe(reference);
    const web = without.replace(
      / {2}prometheus:\n {4}url: [^\n]*\n {4}bearer_token_env: PROM_TOKEN[^\n]*\n/,
      '  web: { url: "http://127.0.0.1:8080/api/" }\n',
    );
    expect(web).not.toBe(without);
    for (const text of [without, web]) {
      const r = validatePlanText(text);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.problems.map(formatProblem)).toContainEqual(
          expect.stringMatching(
            /^signoff\.first_night .*has slo_burn_rate_max but no slo_burn_rate_query \(expected the burn-rate query in the metric source's language, e\.g\. /,
          ),
        );
    }
    const stated = web.replace(
      'slo_burn_rate_max: 1.5\n',
      "slo_burn_rate_max: 1.5\n    slo_burn_rate_query: 'slo/burn?track={{track}} $.value'\n",
    );
    const ok = validatePlanText(stated);
    expect(ok.ok, ok.ok ? '' : ok.problems.map(formatProblem).join('\n')).toBe(true);
  });
});
