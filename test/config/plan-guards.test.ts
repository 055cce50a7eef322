/**
 * Plan mistakes that used to slip through: a stage with no guardrails, a metric named like an Object property,
 * hexadecimal numbers, an alias bomb, and versions or tag templates that cannot make a git tag. Each is a plan
 * problem naming its path (exit 2 from the CLI), found before anything runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkVersion,
  checkVersionForPlan,
  formatProblem,
  parsePlan,
  tagNameProblem,
  validatePlanText,
} from '../../src/config/index.js';

const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/canary-conductor.js', ...args], { encoding: 'utf8' });

function problems(text: string): string[] {
  const r = validatePlanText(text);
  return r.ok ? [] : r.problems.map(formatProblem);
}

function edit(from: string, to: string): string {
  expect(reference.includes(from), `fixture contains ${from}`).toBe(true);
  return reference.replace(from, to);
}

function planFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'plan-guards-')), 'canary.yml');
  writeFileSync(file, text);
  return file;
}

const PILOT_GUARDRAILS =
  'environment: canary-1,  guardrails: [api_p95, error_rate, accept_errors, memory_headroom] }';

describe('stages without guardrails', () => {
  it('guardrails: [] is an error naming the stage and the way out', () => {
    expect(problems(edit(PILOT_GUARDRAILS, 'environment: canary-1, guardrails: [] }'))).toEqual([
      expect.stringMatching(
        /^stages\[0\]\.guardrails \(line \d+:\d+\): stage pilot has no guardrails, so nothing is measured before it proceeds \(.*unguarded: true/,
      ),
    ]);
  });

  it('a stage with no guardrails key at all is the same error', () => {
    expect(problems(edit(PILOT_GUARDRAILS, 'environment: canary-1 }'))).toEqual([
      expect.stringMatching(/^stages\[0\] \(line \d+:\d+\): stage pilot has no guardrails/),
    ]);
  });

  it('unguarded: true makes it deliberate, and contradicting it with guardrails is an error', () => {
    const plan = parsePlan(
      edit(PILOT_GUARDRAILS, 'environment: canary-1, guardrails: [], unguarded: true }'),
    );
    expect(plan.stages[0]).toMatchObject({ name: 'pilot', guardrails: [], unguarded: true });
    expect(
      problems(edit(PILOT_GUARDRAILS, 'environment: canary-1, guardrails: [api_p95], unguarded: true }')),
    ).toEqual([expect.stringMatching(/^stages\[0\]\.unguarded .*is true but the stage names guardrails/)]);
  });
});

describe('names checked as own keys', () => {
  it('metric: constructor (or toString) is not a metric', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      expect(problems(edit('{ metric: p95_latency_ms,', `{ metric: ${name},`))).toContainEqual(
        expect.stringMatching(new RegExp(`^guardrails\\.api_p95\\.metric .*"${name}" is not a metric`)),
      );
    }
  });

  it('a stage naming guardrail "constructor" is not a guardrail', () => {
    expect(
      problems(edit(PILOT_GUARDRAILS, 'environment: canary-1, guardrails: [constructor] }')),
    ).toContainEqual(
      expect.stringMatching(/^stages\[0\]\.guardrails\[0\] .*"constructor" is not a guardrail/),
    );
  });
});

describe('numbers', () => {
  it('hexadecimal and octal literals are problems with a position, not silently 16 and 15', () => {
    const found = problems(
      edit('traffic: 25,', 'traffic: 0x19,').replace('pass: { below: 200 }', 'pass: { below: 0o310 }'),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^\(yaml\) \(line \d+:\d+\): 0x19 is not a decimal number/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^\(yaml\) \(line \d+:\d+\): 0o310 is not a decimal number/),
    );
  });
});

describe('alias bombs', () => {
  const bomb = [
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '',
  ].join('\n');

  it('is a plan problem, not an internal error', () => {
    expect(problems(`${reference}\n${bomb}`)).toEqual([
      expect.stringMatching(/^\(yaml\): aliases expand too far/),
    ]);
  });

  it('exits 2 from the CLI, like any plan problem', () => {
    const r = cli('validate', '--config', planFile(`${reference}\n${bomb}`));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('aliases expand too far');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('versions that make a valid tag', () => {
  it('git ref rules', () => {
    expect(tagNameProblem('v1.4.0')).toBeUndefined();
    expect(tagNameProblem('spark/v1.4.0-rc.1')).toBeUndefined();
    expect(tagNameProblem('v1.0.0-rc.1..')).toBe('contains ".."');
    expect(tagNameProblem('v1.0.')).toBe('ends with "."');
    expect(tagNameProblem('v1.0.lock')).toMatch(/\.lock/);
    expect(tagNameProblem('release 1.0')).toMatch(/contains " "/);
    expect(tagNameProblem('v1:0')).toMatch(/contains ":"/);
    expect(tagNameProblem('a//b')).toBe('contains "//"');
  });

  it('1.0.0-rc.1.. and friends are refused by the version grammar itself', () => {
    expect(checkVersion('1.4.0')).toBeUndefined();
    expect(checkVersion('1.4.0-rc.1+build.7')).toBeUndefined();
    for (const bad of ['1.0.0-rc.1..', '1.0.0.', '1.0.0.lock', 'v1.0.0;touch${IFS}X;#', '-1.0', '']) {
      expect(checkVersion(bad), bad).toBeDefined();
    }
  });

  it("the plan's tag template decides the rest: {{service}}/{{version}} and a template that cannot tag", () => {
    const plan = parsePlan(edit('tag: "v{{version}}"', 'tag: "{{service}}/v{{version}}"'));
    expect(checkVersionForPlan(plan, '1.4.0')).toBeUndefined();
    const prefixed = parsePlan(edit('tag: "v{{version}}"', 'tag: "rel.{{version}}.x"'));
    expect(checkVersionForPlan(prefixed, '1.4.0')).toBeUndefined();
    expect(problems(edit('tag: "v{{version}}"', 'tag: "release {{version}}"'))).toEqual([
      expect.stringMatching(
        /^release\.tag .*"release 1\.0\.0", which is not a valid git tag \(it contains " "/,
      ),
    ]);
    expect(problems(edit('tag: "v{{version}}"', 'tag: "v{{version}}-{{stage}}"'))).toEqual([
      expect.stringMatching(/^release\.tag .*\{\{stage\}\} has no value when the release is tagged/),
    ]);
  });

  it('validate --version and plan --version refuse an untaggable version with exit 2, before anything runs', () => {
    const file = planFile(reference);
    const ok = cli('validate', '--config', file, '--version', '1.4.0-rc.1');
    expect(ok.status, ok.stderr).toBe(0);
    const bad = cli('validate', '--config', file, '--version', '1.0.0-rc.1..');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--version: "1.0.0-rc.1.." is not valid');
    const plan = cli('plan', '--config', file, '--version', '1.0.0-rc.1..');
    expect(plan.status).toBe(2);
    expect(plan.stdout).toBe('');
  });
});
