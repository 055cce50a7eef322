/**
 * The promote job checks its precondition before any side effect: unless the evidence shows every stage of the
 * plan proceeded, it refuses with no silence in Alertmanager, no `promote.run` command run and no record written.
 * Real Alertmanager, real git (a bare repository as the evidence remote).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertmanagerClient } from '../../src/alertmanager/index.js';
import { parsePlan } from '../../src/config/index.js';
import { readDecisionLog } from '../../src/evidence/decision-log.js';
import { pushEvidence } from '../../src/evidence/push.js';
import { decisionLogChange } from '../../src/evidence/record-decision.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { decisionLogPath } from '../../src/evidence/paths.js';
import { promote } from '../../src/stage-gate/promote.js';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager.js';

let am: TestAlertmanager;
beforeAll(async () => {
  am = await startAlertmanager();
});
afterAll(async () => {
  await am?.stop();
});

const clock = { now: () => new Date('2026-11-16T08:00:00Z') };

function planWithPromote(url: string) {
  const text = readFileSync('test/fixtures/reference-plan.yml', 'utf8').replace(
    /^rollback:/m,
    `promote:\n  silence: { alertmanager: "${url}", matchers: { alertname: CanaryGate }, duration: 10m, comment: "promote {{version}}" }\n  run: ["touch promoted.txt"]\n\nrollback:`,
  );
  return parsePlan(text);
}

function bareRemote(): string {
  const dir = mkdtempSync(join(tmpdir(), 'promote-remote-'));
  execFileSync('git', ['init', '--quiet', '--bare', dir]);
  return dir;
}

async function silencesFor(version: string) {
  const all = await createAlertmanagerClient({ url: am.url }).listSilences({ alertname: 'CanaryGate' });
  return all.filter((s) => s.comment.includes(`promote ${version}`));
}

async function attempt(version: string, remote: string) {
  const plan = planWithPromote(am.url);
  const cwd = mkdtempSync(join(tmpdir(), 'promote-job-'));
  const run = promote(
    { plan, version, deploymentId: `svc-${version}-1`, dryRun: false },
    {
      evidence: { remote, templates: createTemplateSource() },
      clock,
      log: () => undefined,
      steps: { cwd, env: {} },
    },
  );
  return { plan, cwd, run };
}

describe('promote: the precondition comes before any side effect', () => {
  it('with no evidence at all: refused, no silence, no command, no evidence branch', async () => {
    const remote = bareRemote();
    const { cwd, run } = await attempt('2.0.0', remote);
    await expect(run).rejects.toThrow(
      /promote: 2\.0\.0 cannot be promoted: the decision log has no records.*nothing was written, silenced or run/,
    );
    expect(await silencesFor('2.0.0')).toEqual([]);
    expect(existsSync(join(cwd, 'promoted.txt'))).toBe(false);
    expect(execFileSync('git', ['branch', '--list'], { cwd: remote, encoding: 'utf8' })).toBe('');
  });

  it('with stage 1 of 5 proceeded: refused naming stage 2, the log left as it was', async () => {
    const remote = bareRemote();
    const version = '2.0.1';
    const plan = planWithPromote(am.url);
    const logPath = decisionLogPath(plan, version, `svc-${version}-1`);
    await pushEvidence({
      remote,
      branch: plan.evidence.branch,
      files: [
        decisionLogChange(
          logPath,
          {
            version,
            deployment_id: `svc-${version}-1`,
            phase: 'stage:pilot',
            decision: 'PROCEED',
            reason: 'stage window complete',
            start_timestamp: '2026-11-16T06:00:00.000Z',
            traffic_share: 1,
            metrics_snapshot: {},
            notes: 'test',
            run_url: null,
            evidence_files: [],
          },
          clock,
        ),
      ],
      message: 'evidence: stage 1',
      clock,
    });
    const { cwd, run } = await attempt(version, remote);
    await expect(run).rejects.toThrow(/stage 2 confidence has no decision record; nothing was written/);
    expect(await silencesFor(version)).toEqual([]);
    expect(existsSync(join(cwd, 'promoted.txt'))).toBe(false);
    const log = execFileSync('git', ['show', `${plan.evidence.branch}:${logPath}`], {
      cwd: remote,
      encoding: 'utf8',
    });
    expect(readDecisionLog(log, logPath).map((r) => r.phase)).toEqual(['stage:pilot']);
  });
});
