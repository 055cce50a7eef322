/**
 * The CLI as an adopter gets it: `npm pack` of this package, the tarball installed into an empty folder outside the
 * clone, and the commands the README tells a new user to run, through `npx canary-conductor`.
 *
 * The tarball's lib/ is the one this test run compiled from src/ (test/global-setup.ts) with tsconfig.build.json,
 * which is exactly what the package's prepack (scripts/build-lib.mjs) compiles; the test checks prepack still runs
 * that script, and packs with --ignore-scripts rather than compile the same lib/ a second time. The package is
 * packed from a copy, so packing cannot disturb the lib/ other test files run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const root = mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
const adopter = path.join(root, 'adopter');
let tarball = '';
let packed: string[] = [];

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What the package is made of (everything else a tarball could pick up stays out of the copy). */
const SOURCES = [
  'package.json',
  'README.md',
  'bin',
  'lib',
  'schema',
  'evidence-templates',
  'examples',
  '.github/canary.yml',
];

beforeAll(() => {
  const source = path.join(root, 'source');
  for (const entry of SOURCES)
    cpSync(path.join(repoRoot, entry), path.join(source, entry), {
      recursive: true,
      // The compiler's incremental state is not part of a build-lib build.
      filter: (from) => !from.endsWith('.tsbuildinfo'),
    });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(source, 'node_modules'));
  const out = path.join(root, 'packed');
  mkdirSync(out);
  const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], {
    cwd: source,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [info] = JSON.parse(json) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(out, info!.filename);
  packed = info!.files.map((f) => f.path);

  mkdirSync(adopter);
  writeFileSync(path.join(adopter, 'package.json'), '{ "name": "adopter", "private": true }\n');
  // Dependencies come from the npm cache the project's own install filled; the registry is asked only for
  // what the cache lacks (package metadata).
  execFileSync(
    'npm',
    ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: adopter, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}, 600_000);

const npx = (...args: string[]) =>
  spawnSync('npx', ['--no-install', 'canary-conductor', ...args], {
    cwd: adopter,
    encoding: 'utf8',
    timeout: 240_000,
  });

describe('the package tarball', () => {
  it('is built by prepack with the compile this test run made lib/ with', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(manifest.scripts['prepack']).toBe('node scripts/build-lib.mjs');
    const buildLib = readFileSync(path.join(repoRoot, 'scripts/build-lib.mjs'), 'utf8');
    expect(buildLib).toContain("'tsconfig.build.json', '--sourceMap', 'false'");
    const setup = readFileSync(path.join(repoRoot, 'test/global-setup.ts'), 'utf8');
    expect(setup).toContain("'tsconfig.build.json'");
  });

  it('leaves the Datadog client to the plans that need it (an optional peer dependency)', () => {
    expect(existsSync(path.join(adopter, 'node_modules/@datadog'))).toBe(false);
  });

  it('holds only what the CLI needs: bin, the built lib, schema, templates, examples, the reference plan', () => {
    const top = [...new Set(packed.map((f) => f.split('/')[0]))].sort();
    expect(top).toEqual([
      '.github',
      'README.md',
      'bin',
      'evidence-templates',
      'examples',
      'lib',
      'package.json',
      'schema',
    ]);
    expect(packed).toContain('lib/cli/main.js');
    expect(packed).toContain('.github/canary.yml');
    expect(packed.filter((f) => /\.(ts|map)$/.test(f) || f.endsWith('.tsbuildinfo'))).toEqual([]);
    expect(packed.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  });
});

describe('installed into an empty folder with npm install <tarball>', () => {
  it('npx canary-conductor --help lists the commands', () => {
    const r = npx('--help');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Usage: canary-conductor <command>/);
    expect(r.stdout).toMatch(/\n {2}verify-evidence +Verify decision logs/);
  });

  it('validates a plan copied from the shipped examples', () => {
    cpSync(
      path.join(adopter, 'node_modules/canary-conductor/examples/tradepulse.yml'),
      path.join(adopter, 'plan.yml'),
    );
    const r = npx('validate', 'plan.yml');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^plan\.yml: valid — tradepulse-execution, 5 stages/);
  });

  it('simulates a release with the built-in reference plan, then verifies its evidence', () => {
    const sim = npx('simulate', '--out', 'rehearsal');
    expect(sim.status, sim.stderr).toBe(0);
    expect(sim.stdout).toMatch(/plan: the built-in reference plan/);
    expect(sim.stdout).toMatch(/Outcome: PROMOTED at stage 5 full/);
    expect(sim.stdout).toMatch(/verified: 6 records, hash chain intact/);
    expect(existsSync(path.join(adopter, 'rehearsal/report.html'))).toBe(true);
    const hint = /Check it yourself: (npx canary-conductor verify-evidence \S+)/.exec(sim.stdout);
    expect(hint).not.toBeNull();

    // The closing hint works as printed.
    const [, , ...args] = hint![1]!.split(' ');
    const verified = npx(...args);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(
      /^evidence verified: 1 decision log\(s\), 6 record\(s\), \d+ file\(s\) matching their digests, .*chain intact/,
    );
    expect(readdirSync(adopter).sort()).toEqual([
      'node_modules',
      'package-lock.json',
      'package.json',
      'plan.yml',
      'rehearsal',
    ]);
  });
});
