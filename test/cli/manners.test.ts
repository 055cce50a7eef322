/**
 * The CLI's manners, as a user meets them: `--help` on every command prints its usage and nothing else, a typo in
 * a command or an option is one line with a "did you mean", a plan with thousands of mistakes shows the first
 * fifty and a count, and validating takes time in proportion to the file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as validate } from '../../src/cli/commands/validate.js';
import { commandNames } from '../../src/cli/main.js';

// The CLI runs the compiled lib/, built once by test/global-setup.ts.
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['bin/canary-conductor.js', ...args], { encoding: 'utf8' });

const dir = mkdtempSync(path.join(tmpdir(), 'cli-manners-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--help on every command', () => {
  it.each(commandNames())('%s --help prints its usage, exits 0 and reads nothing', (name) => {
    // Run from an empty folder: a command that tried to load .github/canary.yml would fail here.
    const r = spawnSync(process.execPath, [path.resolve('bin/canary-conductor.js'), name, '--help'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: canary-conductor ${name}\\b`, 'i'));
    expect(r.stdout.split('\n').length).toBeLessThan(40);
    expect(r.stdout).not.toMatch(/"\$schema"|"properties"/); // usage, never data
    // -h is the same.
    const short = spawnSync(process.execPath, [path.resolve('bin/canary-conductor.js'), name, '-h'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(short.stdout).toBe(r.stdout);
  });
});

describe('mistakes get one line with a "did you mean"', () => {
  it('an unknown command', () => {
    const r = cli('valdate');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'canary-conductor: unknown command "valdate" (did you mean "validate"?); run canary-conductor --help for the commands\n',
    );
    expect(cli('verify').stderr).toMatch(/\(did you mean "verify-evidence"\?\)/);
    expect(cli('xyzzy').stderr).toBe(
      'canary-conductor: unknown command "xyzzy"; run canary-conductor --help for the commands\n',
    );
  });

  it('an unknown option, a missing value, a stray argument', () => {
    const cases: Array<[string[], string]> = [
      [
        ['validate', '--confg', 'x'],
        'canary-conductor validate: unknown option --confg (did you mean --config?); see canary-conductor validate --help',
      ],
      [
        ['verify-evidence', '--jsn', 'repo'],
        'canary-conductor verify-evidence: unknown option --jsn (did you mean --json?); see canary-conductor verify-evidence --help',
      ],
      [
        ['simulate', '--run-command'],
        'canary-conductor simulate: unknown option --run-command (did you mean --run-commands?); see canary-conductor simulate --help',
      ],
      [
        ['gate', '--stage'],
        'canary-conductor gate: option --stage needs a value (--stage <value>); see canary-conductor gate --help',
      ],
      [
        ['plan', 'extra'],
        'canary-conductor plan: unexpected argument "extra" (this command takes options only); see canary-conductor plan --help',
      ],
    ];
    for (const [args, line] of cases) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(`${line}\n`);
    }
  });
});

describe('validate on a large broken plan', () => {
  const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');
  /** The reference plan followed by `keys` unknown top-level keys of about 100 bytes each. */
  function planWithUnknownKeys(keys: number): string {
    const lines: string[] = [];
    for (let i = 0; i < keys; i++)
      lines.push(`unknown_setting_${String(i).padStart(6, '0')}: "${'x'.repeat(70)}"`);
    return `${reference}\n${lines.join('\n')}\n`;
  }

  /** CPU time of one in-process validation: the machine's other load does not count against it. */
  async function timedValidate(file: string) {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => void err.push(t), env: {}, cwd: dir };
    const before = process.cpuUsage();
    const code = await validate([file], io);
    const used = process.cpuUsage(before);
    return { code, seconds: (used.user + used.system) / 1e6, stderr: err.join('') };
  }

  it(
    'a 5 MB plan with 50,000 unknown keys: under 5 s, at most 50 problems and a count',
    { timeout: 120_000 },
    async () => {
      writeFileSync(path.join(dir, 'small.yml'), planWithUnknownKeys(10_000));
      const big = planWithUnknownKeys(50_000);
      expect(big.length).toBeGreaterThan(4_800_000);
      writeFileSync(path.join(dir, 'big.yml'), big);

      const small = await timedValidate('small.yml');
      const large = await timedValidate('big.yml');
      console.log(
        `validate: 1 MB ${small.seconds.toFixed(2)} s, 5 MB ${large.seconds.toFixed(2)} s CPU (x${(large.seconds / small.seconds).toFixed(1)} for x5 the size)`,
      );
      expect(large.code).toBe(2);
      expect(large.seconds).toBeLessThan(5);
      // Linear, not quadratic: five times the keys cost well under 25 times the time.
      expect(large.seconds / small.seconds).toBeLessThan(10);

      const lines = large.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe('big.yml: 50000 problems');
      const problems = lines.slice(1, -1);
      expect(problems).toHaveLength(50);
      expect(problems[0]).toMatch(
        /^ {2}unknown_setting_000000 \(line \d+:1\): unknown key \(one of \$schema, version/,
      );
      expect(lines.at(-1)).toBe('  ... and 49950 more problems (the first 50 are shown)');
    },
  );

  it('still finds a duplicated key (checked in one pass, not by the parser)', async () => {
    writeFileSync(
      path.join(dir, 'dup.yml'),
      reference.replace('  service: spark-trading-api\n', '  service: spark-trading-api\n  service: other\n'),
    );
    const r = await timedValidate('dup.yml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^dup\.yml: 1 problem\n {2}\(yaml\) \(line 4:3\): Map keys must be unique: "service" appears again \(valid YAML\)\n$/,
    );
  });
});
