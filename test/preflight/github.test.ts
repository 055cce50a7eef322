/**
 * github checks through the real octokit client against the GitHub emulator (reviews and check runs served by
 * test/github-emulator/preflight-routes.ts), with the previous tag read from a real git repository.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/github/client.js';
import { runPreflight } from '../../src/preflight/runner.js';
import type { GitHubTarget } from '../../src/preflight/types.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { seedPreflight } from '../github-emulator/preflight-routes.js';
import { startEmulatorFront, type EmulatorFront } from './github-front.js';
import { check, commitAll, deps, git, initRepo, tempDir, writeFiles } from './support.js';

const SHA = 'a'.repeat(40);
let emulator: GitHubEmulator;
let front: EmulatorFront;
let repo: ReturnType<typeof tempDir>;
let target: GitHubTarget;

beforeAll(async () => {
  repo = tempDir('preflight-gh-');
  initRepo(repo.dir);
  writeFiles(repo.dir, { 'a.txt': '1' });
  commitAll(repo.dir, 'one', '2020-01-01T00:00:00Z');
  git(repo.dir, ['tag', 'v1.3.0']);
  writeFiles(repo.dir, { 'a.txt': '2' });
  commitAll(repo.dir, 'two', '2020-01-02T00:00:00Z');

  emulator = await startGitHubEmulator({
    seed: {
      owner: 'spark',
      repo: 'trading-api',
      issues: [
        { number: 1, title: 'Order book crashes on reconnect', labels: ['blocker'] },
        { number: 2, title: 'Typo in runbook', labels: ['documentation'] },
        { number: 3, title: 'Old outage', labels: ['critical'], state: 'closed' },
        { number: 4, title: 'Fee calc drift', labels: ['critical', 'blocker'] },
      ],
      pulls: [
        { number: 10, title: 'Maker-only policy', merged: true, user: 'alice' },
        { number: 11, title: 'Round qty', merged: true, user: 'alice' },
        { number: 12, title: 'Self-approved tweak', merged: true, user: 'alice' },
        { number: 13, title: 'Work in progress', user: 'dave' },
        { number: 14, title: 'Into a release branch', merged: true, base: 'release/1.2', user: 'erin' },
      ],
    },
  });
  seedPreflight(emulator.state, {
    reviews: {
      10: [
        { user: 'bob', state: 'APPROVED' },
        { user: 'carol', state: 'APPROVED' },
      ],
      11: [
        { user: 'carol', state: 'APPROVED' },
        { user: 'bob', state: 'APPROVED' },
        { user: 'carol', state: 'CHANGES_REQUESTED' },
      ],
      12: [
        { user: 'alice', state: 'APPROVED' },
        { user: 'bob', state: 'APPROVED' },
        { user: 'carol', state: 'COMMENTED' },
      ],
    },
    checkRuns: {
      [SHA]: [
        { name: 'build', conclusion: 'failure', started_at: '2026-01-01T00:00:00Z' },
        { name: 'build', conclusion: 'success', started_at: '2026-01-01T01:00:00Z' },
        { name: 'e2e', conclusion: 'failure' },
        { name: 'lint', status: 'in_progress' },
      ],
    },
  });
  front = await startEmulatorFront(emulator);
  const client = createGitHubClient({
    token: 'fake-token-preflightTestToken',
    baseUrl: front.url,
    dryRun: true,
    log: { info: () => {}, warn: () => {} },
    maxServerErrorRetries: 0,
  });
  target = { client, repo: { owner: 'spark', repo: 'trading-api' }, sha: SHA };
});
afterAll(async () => {
  await front?.close();
  await emulator?.close();
  repo?.cleanup();
});

const run = (raw: unknown) =>
  runPreflight([check(raw)], deps(repo.dir, { github: target }), {
    version: '1.4.0',
    service: 'spark-trading-api',
    cwd: repo.dir,
    baseBranches: ['main'],
  });

describe('github: open issues with labels', () => {
  it('fails naming the open blocker/critical issues (not closed ones, not other labels, each once)', async () => {
    const report = await run({
      name: 'no-blockers',
      github: { open_issues_with_labels: ['blocker', 'critical'], max: 0 },
    });
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      '2 open issue(s) labelled blocker or critical (at most 0 allowed): #1 "Order book crashes on reconnect" [blocker], #4 "Fee calc drift" [critical, blocker]',
    );
  });

  it('passes when the count is within max, or no issue carries the labels', async () => {
    expect(
      (await run({ name: 'n', github: { open_issues_with_labels: ['blocker', 'critical'], max: 2 } }))
        .results[0]!.status,
    ).toBe('pass');
    const none = await run({ name: 'n', github: { open_issues_with_labels: ['security'] } });
    expect(none.results[0]!.status).toBe('pass');
    expect(none.results[0]!.observed).toBe('0 open issue(s) labelled security');
  });
});

describe('github: approvals on PRs merged since the previous tag', () => {
  it('fails naming each PR short of 2 approvals: a reviewer counts by their latest review, the author never', async () => {
    const report = await run({ name: 'reviews', github: { min_approvals: 2 } });
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      '2 PR(s) merged without 2 approvals: #11 "Round qty" has 1 (bob), #12 "Self-approved tweak" has 1 (bob)',
    );
    expect(r.observed).toBe('1/3 PRs merged into main since v1.3.0 have >= 2 approvals');
    expect(front.served).toContain('pulls/list-reviews');
  });

  it('passes with 1 required approval', async () => {
    const report = await run({ name: 'reviews', github: { min_approvals: 1 } });
    expect(report.results[0]!.status, report.results[0]!.message).toBe('pass');
  });
});

describe('github: check runs on the release SHA', () => {
  it('passes when the latest run of each named check succeeded', async () => {
    const report = await run({ name: 'ci', github: { check_runs: ['build'] } });
    expect(report.results[0]!.status, report.results[0]!.message).toBe('pass');
  });

  it('fails naming red, pending and missing check runs', async () => {
    const report = await run({
      name: 'ci',
      github: { check_runs: ['build', 'e2e', 'lint', 'security-scan'] },
    });
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toBe(
      'check runs not green on aaaaaaaaaaaa: e2e is failure, lint is in_progress, security-scan is missing',
    );
  });
});

describe('github: without a client', () => {
  it('is an error that says what is missing', async () => {
    const report = await runPreflight(
      [check({ name: 'no-blockers', github: { open_issues_with_labels: ['blocker'] } })],
      deps(repo.dir),
      {
        version: '1.4.0',
        service: 's',
        cwd: repo.dir,
      },
    );
    expect(report.results[0]!.status).toBe('error');
    expect(report.results[0]!.message).toContain('needs a token and a repository');
  });
});
