#!/usr/bin/env node
// The tests use real components: Prometheus, Alertmanager, promtool, amtool, VictoriaMetrics, InfluxDB, Chromium,
// kubectl, git, shellcheck.
// Install what is missing with apt-get when running as root; otherwise fail with a message naming the package.
// Never skip silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needs = [
  { bin: 'prometheus', pkg: 'prometheus' },
  { bin: 'promtool', pkg: 'prometheus' },
  { bin: 'prometheus-alertmanager', pkg: 'prometheus-alertmanager' },
  { bin: 'amtool', pkg: 'prometheus-alertmanager' },
  { bin: 'victoria-metrics', pkg: 'victoria-metrics' },
  { bin: 'influxd', pkg: 'influxdb' },
  { bin: 'chromium', pkg: 'chromium' },
  { bin: 'shellcheck', pkg: 'shellcheck' },
  { bin: 'git', pkg: 'git' },
  { bin: 'kubectl', pkg: 'kubectl' },
];

const onPath = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const missing = needs.filter((n) => !onPath(n.bin));
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.map((m) => m.pkg))];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(`The tests need these programs: ${missing.map((m) => m.bin).join(', ')}.`);
  console.error(`Install the Debian packages: sudo apt-get install -y ${packages.join(' ')}`);
  process.exit(1);
}
console.error(`Installing test dependencies: ${packages.join(' ')}`);
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} catch {
  console.error(`apt-get could not install: ${packages.join(' ')}. Install them and run the tests again.`);
  process.exit(1);
}
const still = needs.filter((n) => !onPath(n.bin));
if (still.length) {
  console.error(`Still missing after apt-get: ${still.map((m) => `${m.bin} (package ${m.pkg})`).join(', ')}`);
  process.exit(1);
}
