import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import {
  formatProblem,
  parsePlan,
  planJsonSchema,
  validatePlanText,
  ConfigurationError,
} from '../../src/config/index.js';

const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');

function problems(text: string): string[] {
  const r = validatePlanText(text);
  if (r.ok) return [];
  return r.problems.map(formatProblem);
}

/** Replace one line of the reference plan (by a unique substring) to build a broken plan. */
function edit(from: string, to: string): string {
  expect(reference.includes(from), `fixture contains ${from}`).toBe(true);
  return reference.replace(from, to);
}

describe('the reference plan', () => {
  it('is .github/canary.yml verbatim', () => {
    expect(readFileSync('.github/canary.yml', 'utf8')).toBe(reference);
  });

  it('validates as written, with durations in seconds and percentages as numbers', () => {
    const plan = parsePlan(reference);
    expect(plan.stages.map((s) => [s.name, s.traffic, s.duration, s.interval])).toEqual([
      ['pilot', 1, 900, 120],
      ['confidence', 5, 900, 120],
      ['quarter', 25, 900, 120],
      ['half', 50, 900, 120],
      ['full', 100, 1800, 120],
    ]);
    expect(plan.guardrails.accept_errors!.hard).toEqual({ increase: 40 });
    expect(plan.guardrails.api_p95!.soft).toEqual({ above: 250, for: 300 });
    expect(plan.signoff.first_night!.window).toBe(86400);
    expect(plan.rca!.due_in).toBe(7 * 86400);
    expect(plan.evidence.branch).toBe('canary-evidence');
  });

  it('the examples validate too', () => {
    for (const f of readdirSync('examples').filter((n) => n.endsWith('.yml'))) {
      const r = validatePlanText(readFileSync(`examples/${f}`, 'utf8'), f);
      expect(r.ok ? [] : r.problems.map(formatProblem), f).toEqual([]);
    }
  });
});

describe('broken plans name every problem by path, position and expectation', () => {
  it('traffic above 100', () => {
    const text = edit('traffic: 25,', 'traffic: 150,');
    expect(problems(text)).toContainEqual(
      expect.stringMatching(
        /^stages\[2\]\.traffic \(line \d+:\d+\): 150 is above 100 \(a percentage 0\.\.100\)$/,
      ),
    );
  });

  it('traffic that decreases from stage to stage', () => {
    expect(problems(edit('traffic: 25,', 'traffic: 3,'))).toContainEqual(
      expect.stringMatching(/^stages\[2\]\.traffic .*3% is less than stages\[1\]/),
    );
  });

  it('per-flow shares are accepted and checked per flow', () => {
    const ok = edit('traffic: 25,', 'traffic: { market_making: 25, agency: 10 },');
    expect(problems(ok)).toEqual([]);
    const bad = ok.replace('traffic: 50,', 'traffic: { market_making: 50, agency: 5 },');
    expect(problems(bad)).toContainEqual(
      expect.stringMatching(/^stages\[3\]\.traffic .*agency 5% is less than stages\[2\]/),
    );
  });

  it('unknown guardrail, unknown metric, unknown placeholder, unknown key with a suggestion', () => {
    let text = edit(
      'guardrails: [api_p95, error_rate, memory_headroom] }',
      'guardrails: [api_p95, error_rates, memory_headroom] }',
    );
    text = text.replace('metric: mem_available_pct,', 'metric: mem_available,');
    text = text.replace('tag: "v{{version}}"', 'tag: "v{{verison}}"');
    text = text.replace('status_check: release-freeze', 'status_chek: release-freeze');
    const found = problems(text);
    expect(found).toContainEqual(
      expect.stringMatching(/^stages\[4\]\.guardrails\[1\] .*"error_rates" is not a guardrail/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^guardrails\.memory_headroom\.metric .*"mem_available" is not a metric/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^release\.tag .*unknown placeholder \{\{verison\}\}/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^freeze\.status_chek .*unknown key \(did you mean "status_check"\?\)/),
    );
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  it('interval longer than duration, `for` longer than a stage using it, bad duration', () => {
    let text = edit(
      'duration: 15m, interval: 2m, environment: canary-1,',
      'duration: 15m, interval: 20m, environment: canary-1,',
    );
    text = text.replace('soft: { above: 250, for: 5m }', 'soft: { above: 250, for: 20m }');
    text = text.replace('duration: 30m, interval: 2m', 'duration: 30 minutes, interval: 2m');
    const found = problems(text);
    expect(found).toContainEqual(
      expect.stringMatching(/^stages\[0\]\.interval .*20m is longer than the stage duration 15m/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^guardrails\.api_p95\.soft\.for .*20m is longer than stage pilot's duration 15m/,
      ),
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^stages\[4\]\.duration .*"30 minutes" is not valid \(a duration like 30s, 15m, 2h or 1d\)/,
      ),
    );
  });

  it('unknown time zones are errors, never UTC; calendar times must exist', () => {
    let text = edit('timezone: Europe/Istanbul\n\nmetrics', 'timezone: Mars/Olympus\n\nmetrics');
    text = text.replace('close: "18:00"', 'close: "24:30"');
    text = text.replace('blackout: ["2026-12-31"]', 'blackout: ["2026-02-30"]');
    const found = problems(text);
    expect(found).toContainEqual(
      expect.stringMatching(/^release\.timezone .*"Mars\/Olympus" is not a known IANA time zone/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^calendar\.market_hours\.close .*"24:30" is not valid/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^calendar\.blackout\[0\] .*2026-02-30 is not a calendar date/),
    );
  });

  it('environment names GitHub would refuse', () => {
    const found = problems(edit('environment: canary-5,', 'environment: "canary/5%",'));
    expect(found).toContainEqual(
      expect.stringMatching(/^stages\[1\]\.environment .*is not valid \(a GitHub environment name/),
    );
  });

  it('relative thresholds without a baseline, and a preflight check with two kinds', () => {
    let text = edit('against: baseline, ', '');
    text = text.replace('{ name: window, calendar: {} }', '{ name: window, calendar: {}, run: "true" }');
    const found = problems(text);
    expect(found).toContainEqual(
      expect.stringMatching(/^guardrails\.accept_errors\.soft\.increase .*add `against: baseline`/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^preflight\[7\] .*declares run and calendar \(exactly one kind per check\)/),
    );
  });

  it('YAML syntax errors carry a position', () => {
    const found = problems('version: 1\nstages: [\n');
    expect(found[0]).toMatch(/^\(yaml\) \(line \d+:\d+\): .*\(valid YAML\)$/);
  });

  it('a missing required section is named', () => {
    const found = problems('version: 1\nrelease: { service: x }\n');
    expect(found).toContainEqual(expect.stringMatching(/^metrics .*is missing/));
    expect(found).toContainEqual(expect.stringMatching(/^stages .*is missing/));
  });

  it('parsePlan throws a ConfigurationError listing every problem', () => {
    const text = edit('traffic: 25,', 'traffic: 150,').replace(
      'interval: 2m, environment: canary-1',
      'interval: 1h, environment: canary-1',
    );
    try {
      parsePlan(text, 'broken.yml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigurationError);
      expect((e as ConfigurationError).problems.length).toBe(3); // 150 > 100, and the next stage (50) now decreases
      expect((e as Error).message).toMatch(/broken\.yml is not a valid release plan \(3 problems\)/);
    }
  });
});

describe('the JSON Schema', () => {
  it('compiles with ajv and accepts the reference plan and every example; rejects a typo', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(planJsonSchema());
    expect(validate(parseYaml(reference)), JSON.stringify(validate.errors)).toBe(true);
    for (const f of readdirSync('examples').filter((n) => n.endsWith('.yml'))) {
      expect(
        validate(parseYaml(readFileSync(`examples/${f}`, 'utf8'))),
        `${f}: ${JSON.stringify(validate.errors)}`,
      ).toBe(true);
    }
    const typo = parseYaml(reference.replace('status_check:', 'status_chek:'));
    expect(validate(typo)).toBe(false);
  });

  it('schema/canary.schema.json is current', () => {
    expect(JSON.parse(readFileSync('schema/canary.schema.json', 'utf8'))).toEqual(planJsonSchema());
  });
});
