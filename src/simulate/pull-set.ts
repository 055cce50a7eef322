/**
 * The open pull requests and issues of the simulated repository: one of each kind the freeze must tell apart
 * (a block label, an allow label, a docs-only change, a plain feature branch), and issues of which none is an
 * open blocker, so a healthy release is not stopped by its own data.
 */
import { createHash } from 'node:crypto';
import type { SeedIssue, SeedPull } from '../github-emulator/index.js';

const sha = (text: string) => createHash('sha1').update(text).digest('hex');

export function simulatedPulls(): SeedPull[] {
  const pull = (
    number: number,
    title: string,
    labels: string[],
    files: string[],
    author: string,
  ): SeedPull => ({
    number,
    title,
    base: 'main',
    head_sha: sha(`simulated-pr-${number}`),
    labels,
    files,
    user: author,
  });
  return [
    pull(
      101,
      'Order-book depth endpoint',
      ['feature'],
      ['src/book/depth.ts', 'src/book/depth.test.ts'],
      'dev-ayse',
    ),
    pull(
      102,
      'Bump prom-client to 15.1',
      ['dependencies'],
      ['package.json', 'package-lock.json'],
      'renovate[bot]',
    ),
    pull(103, 'Runbook: clarify the failover drill', [], ['docs/runbook/failover.md'], 'sre-mert'),
    pull(
      104,
      'Hotfix: reject orders with negative quantity',
      ['hotfix'],
      ['src/orders/validate.ts'],
      'dev-can',
    ),
    pull(105, 'Split the risk checks module', [], ['src/risk/checks.ts', 'src/risk/limits.ts'], 'dev-zeynep'),
    pull(
      106,
      'Migrate the fills table to partitions',
      ['schema-migration'],
      ['migrations/0042_fills_partitions.sql'],
      'dba-emre',
    ),
  ];
}

export function simulatedIssues(): SeedIssue[] {
  return [
    { number: 90, title: 'Flaky websocket reconnect test', labels: ['bug'], state: 'open' },
    { number: 91, title: 'Order gateway drops heartbeats under load', labels: ['blocker'], state: 'closed' },
    { number: 92, title: 'Dashboard: add pgBouncer panel', labels: ['monitoring'], state: 'open' },
  ];
}
