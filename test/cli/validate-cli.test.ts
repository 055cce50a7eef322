import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/canary-conductor.js', ...args], { encoding: 'utf8' });

// The CLI runs the compiled lib/, built once by test/global-setup.ts.

describe('canary-conductor validate and schema, as a user runs them', () => {
  it('the reference plan, .github/canary.yml and every example exit 0', () => {
    for (const file of [
      'test/fixtures/reference-plan.yml',
      '.github/canary.yml',
      'examples/spark-trading.yml',
      'examples/tradepulse.yml',
      'examples/mm-bot.yml',
    ]) {
      const r = cli('validate', '--config', file);
      expect(r.status, `${file}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/valid/);
    }
  });

  it('a broken plan exits 2 and names every problem by path and position', () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-'));
    const broken = readFileSync('test/fixtures/reference-plan.yml', 'utf8')
      .replace('traffic: 25,', 'traffic: 150,')
      .replace('timezone: Europe/Istanbul\n\nmetrics', 'timezone: Europe/Istambul\n\nmetrics')
      .replace('interval: 2m, environment: canary-1', 'intervall: 2m, environment: canary-1');
    writeFileSync(join(dir, 'plan.yml'), broken);
    const r = cli('validate', '--config', join(dir, 'plan.yml'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /stages\[2\]\.traffic \(line \d+:\d+\): 150 is above 100 \(a percentage 0\.\.100\)/,
    );
    expect(r.stderr).toMatch(
      /release\.timezone \(line \d+:\d+\): "Europe\/Istambul" is not a known IANA time zone/,
    );
    expect(r.stderr).toMatch(
      /stages\[0\]\.intervall \(line \d+:\d+\): unknown key \(did you mean "interval"\?\)/,
    );
    expect(r.stderr).toMatch(/stages\[0\]\.interval .*is missing/);
  });

  it('a missing file exits 2 naming it', () => {
    const r = cli('validate', '--config', 'no/such/plan.yml');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no\/such\/plan\.yml does not exist/);
  });

  it('schema prints a JSON Schema that ajv compiles and that accepts the reference plan', () => {
    const r = cli('schema');
    expect(r.status).toBe(0);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(r.stdout));
    expect(validate(parse(readFileSync('test/fixtures/reference-plan.yml', 'utf8')))).toBe(true);
  });

  it('an unknown command exits 2 with one line pointing at --help', () => {
    const r = cli('deploy');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'canary-conductor: unknown command "deploy"; run canary-conductor --help for the commands\n',
    );
  });
});
