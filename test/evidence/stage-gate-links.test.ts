/**
 * The stage gate against an evidence branch someone committed links to: a directory link where the release's
 * evidence folder goes, and a file link where its war-room log goes. The gate must write nothing outside its
 * clone and fail naming the link; before, the evidence landed in the link's target on the runner.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/config/index.js';
import { EvidenceSymlinkError } from '../../src/evidence/errors.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { virtualClock } from '../../src/platform/clock.js';
import { createMetricSource } from '../../src/metrics/registry.js';
import { runStageGate } from '../../src/stage-gate/run-stage-gate.js';
import { bareRepository, git, tempRoot } from '../git/helpers.js';
import { execGit } from '../support/git.js';

const VERSION = '2.0.3';
const PLAN = parsePlan(
  `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: "http://127.0.0.1:9" }
  queries:
    p95_latency_ms: { query: 'histogram_quantile(0.95, sum by (le) (rate(h_bucket{track="{{track}}"}[1m])))' }
guardrails:
  api_p95: { metric: p95_latency_ms, pass: { below: 200 }, hard: { above: 400 } }
stages:
  - { name: pilot, traffic: 1, duration: 6s, interval: 2s, guardrails: [api_p95] }
`,
  'plan',
);

let tmp: ReturnType<typeof tempRoot>;
beforeAll(() => {
  tmp = tempRoot('gate-links-');
});
afterAll(() => tmp.cleanup());

/** An evidence branch whose only commit holds `link` pointing at `target`. */
function branchWithLink(name: string, link: string, target: string): string {
  const bare = bareRepository(tmp.dir, `${name}.git`);
  const work = path.join(tmp.dir, `${name}-work`);
  execGit(['init', '--quiet', '--initial-branch=canary-evidence', work]);
  mkdirSync(path.dirname(path.join(work, link)), { recursive: true });
  symlinkSync(target, path.join(work, link));
  git(work, 'add', '--all');
  git(work, 'commit', '--quiet', '-m', 'a link');
  git(work, 'push', '--quiet', bare, 'canary-evidence');
  return bare;
}

function gate(remote: string) {
  return runStageGate(
    {
      plan: PLAN,
      version: VERSION,
      stage: 'pilot',
      deploymentId: `spark-trading-api-${VERSION}-1`,
      dryRun: false,
      setTraffic: false,
      sha: 'a'.repeat(40),
    },
    {
      // Nothing answers on port 9: the stage fails closed at once and goes on to write its evidence.
      source: createMetricSource(PLAN.metrics, { url: 'http://127.0.0.1:9', env: {} }),
      clock: virtualClock(new Date('2026-05-16T21:00:00Z')),
      traffic: null,
      github: null,
      evidence: { remote, templates: createTemplateSource() },
      log: { info: () => undefined, warn: () => undefined },
    },
  );
}

describe('stage gate against links on the evidence branch', () => {
  it('a directory link: nothing is written into its target, the gate fails naming the link', async () => {
    const outside = path.join(tmp.dir, 'runner-dir');
    mkdirSync(outside);
    const remote = branchWithLink('dir-link', `evidence/${VERSION}`, outside);
    const run = gate(remote);
    await expect(run).rejects.toThrow(EvidenceSymlinkError);
    await expect(run).rejects.toThrow(`evidence/${VERSION} is a symbolic link on the evidence branch`);
    expect(readdirSync(outside)).toEqual([]);
    expect(git(remote, 'log', '--format=%s', 'canary-evidence').trim()).toBe('a link'); // nothing pushed
  }, 60_000);

  it('a file link: the file it points at is untouched, and the push fails instead of reporting success', async () => {
    const outside = path.join(tmp.dir, 'runner-file.txt');
    writeFileSync(outside, 'keep me\n');
    const remote = branchWithLink('file-link', `evidence/${VERSION}/warroom_log.txt`, outside);
    const run = gate(remote);
    await expect(run).rejects.toThrow(`evidence/${VERSION}/warroom_log.txt: it is a symbolic link`);
    expect(readFileSync(outside, 'utf8')).toBe('keep me\n');
    expect(git(remote, 'log', '--format=%s', 'canary-evidence').trim()).toBe('a link');
  }, 60_000);
});
