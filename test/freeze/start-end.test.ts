/**
 * start and end through the bundled action (workspace plan, evidence to a bare repo) and the CLI, and dry-run over
 * 100 PRs with comments on: the would-write list is exactly what the real run then writes.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run as runFreezeCli } from '../../src/cli/commands/freeze.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { gitEvidenceWriter } from '../../src/freeze/evidence.js';
import { createWritePacer, unpacedWrites } from '../../src/freeze/pacer.js';
import { startFreeze } from '../../src/freeze/start.js';
import { FREEZE_STATE_PATH, parseFreezeState } from '../../src/freeze/state.js';
import { gitStateReader } from '../../src/freeze/state-store.js';
import { startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { clientForEmulator, TEST_TOKEN } from '../github-emulator/client.js';
import { runAction } from '../support/run-action.js';
import {
  bareRepo,
  commitCount,
  emulatorClock,
  FREEZE,
  mixedPulls,
  PLAN,
  PLAN_TEXT,
  seedOf,
  showOnBranch,
} from './support.js';

let emulator: GitHubEmulator | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  for (const c of cleanups.splice(0)) c();
});

function workspace(planText = PLAN_TEXT): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'freeze-ws-'));
  mkdirSync(path.join(dir, '.github'));
  writeFileSync(path.join(dir, '.github', 'canary.yml'), planText);
  return dir;
}

describe('dry-run over 100 PRs with comments on', () => {
  it('lists exactly the writes the real run then makes, and writes nothing itself', async () => {
    const pulls = mixedPulls(100);
    emulator = await startGitHubEmulator({ seed: { pulls: seedOf(pulls) }, clockScale: 2000, policy: true });
    const evidence = bareRepo();
    cleanups.push(evidence.cleanup);
    const options = {
      version: '1.4.0',
      release: 'v1.4.0',
      service: PLAN.release.service,
      stateReader: gitStateReader({ remote: evidence.dir, branch: 'canary-evidence' }),
      evidence: gitEvidenceWriter({ remote: evidence.dir, branch: 'canary-evidence' }),
      evidenceContext: {
        templates: createTemplateSource(),
        evidenceDir: 'evidence/1.4.0',
        service: PLAN.release.service,
        runUrl: '',
      },
      nextWindow: () => 'after the canary',
    };
    const ctx = (dryRun: boolean) => {
      const { client, repo } = clientForEmulator(emulator!, { dryRun });
      const clock = emulatorClock(emulator!);
      return {
        github: client,
        repo,
        freeze: { ...FREEZE, comment: true },
        pacer: dryRun ? unpacedWrites() : createWritePacer({ clock }),
        clock,
        actor: 'bot',
        runUrl: '',
        log: () => undefined,
      };
    };
    const dry = await startFreeze(ctx(true), options);
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(commitCount(evidence.dir, 'canary-evidence')).toBe(0);
    const real = await startFreeze(ctx(false), options);
    const key = (w: { pull: number | null; kind: string; detail: string }) =>
      `${w.kind} #${w.pull} ${w.detail}`;
    expect(dry.writes.filter((w) => w.kind !== 'evidence').map(key)).toEqual(real.writes.map(key));
    expect(dry.writes.filter((w) => w.kind === 'evidence').map((w) => w.detail)).toEqual([
      'record the freeze as active (freeze/state.json)',
      'write evidence/1.4.0/freeze_window_start.txt',
      'write freeze/state.json',
    ]);
    const held = pulls.filter((p) => p.expected === 'held').map((p) => p.number);
    expect(emulator.state.comments.map((c) => c.issueNumber).sort((a, b) => a - b)).toEqual(held);
  });
});

describe('freeze-window action: start, status, end', () => {
  it('runs the T-30 and T+24h steps end to end with evidence in git', async () => {
    const pulls = mixedPulls(6); // #1..#6: held 1,2,3,4,6; allowed 5 (docs-only)
    emulator = await startGitHubEmulator({ seed: { pulls: seedOf(pulls) } });
    const evidence = bareRepo();
    cleanups.push(evidence.cleanup);
    const cwd = workspace();
    const github = { url: emulator.url, serverUrl: emulator.serverUrl, repository: emulator.repository };
    const common = { version: '1.4.0', 'evidence-remote': evidence.dir };

    const started = await runAction('freeze-window', {
      inputs: { mode: 'start', ...common },
      cwd,
      github,
      eventName: 'workflow_dispatch',
    });
    expect(started.exitCode, started.stderr + started.stdout).toBe(0);
    expect(started.outputs).toMatchObject({ active: 'true', held: '5', allowed: '1', labelled: '5' });
    expect(JSON.parse(started.outputs['state-json']!)).toMatchObject({
      active: true,
      release: 'v1.4.0',
      actor: expect.any(String),
    });
    expect(showOnBranch(evidence.dir, 'canary-evidence', 'evidence/1.4.0/freeze_window_start.txt')).toContain(
      'PRs on hold: 5',
    );
    expect(started.summary).toContain('Freeze start: v1.4.0');
    // Compact: the verdict and its counts in view, the per-PR and write tables folded under a line each.
    expect(started.summary).toContain('<b>FROZEN</b> since');
    expect(started.summary).toContain('<details><summary>Open pull requests: 6</summary>');
    expect(started.summary).toMatch(/<details><summary>Writes: \d+<\/summary>/);

    const status = await runAction('freeze-window', {
      inputs: { mode: 'status', 'evidence-remote': evidence.dir },
      cwd,
      github,
    });
    expect(status.exitCode, status.stderr + status.stdout).toBe(0);
    expect(status.outputs).toMatchObject({ active: 'true', held: '5' });
    expect(status.summary).toContain('active since');

    const ended = await runAction('freeze-window', { inputs: { mode: 'end', ...common }, cwd, github });
    expect(ended.exitCode, ended.stderr + ended.stdout).toBe(0);
    expect(ended.outputs).toMatchObject({ active: 'false', labelled: '5' });
    expect([1, 2, 3, 4, 5, 6].flatMap((n) => emulator!.state.labelsOf(n))).not.toContain('hold-for-canary');
    const state = parseFreezeState(showOnBranch(evidence.dir, 'canary-evidence', FREEZE_STATE_PATH)!);
    expect(state).toMatchObject({ active: false, released: 5 });
    expect(showOnBranch(evidence.dir, 'canary-evidence', 'evidence/1.4.0/freeze_window_end.txt')).toContain(
      'PRs released: 5',
    );
  }, 120_000);

  it('start without a version fails naming the input', async () => {
    emulator = await startGitHubEmulator({ seed: { pulls: [] } });
    const r = await runAction('freeze-window', {
      inputs: { mode: 'start' },
      cwd: workspace(),
      github: { url: emulator.url, serverUrl: emulator.serverUrl, repository: emulator.repository },
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.annotations.map((a) => a.message).join('\n')).toMatch(/input version/);
  });

  it('an evidence remote that cannot be reached fails plainly, naming it, not as an internal error', async () => {
    emulator = await startGitHubEmulator({ seed: { pulls: [] } });
    const r = await runAction('freeze-window', {
      inputs: { mode: 'status', 'evidence-remote': 'file:///nonexistent/evidence.git' },
      cwd: workspace(),
      github: { url: emulator.url, serverUrl: emulator.serverUrl, repository: emulator.repository },
      entry: 'source',
    });
    expect(r.exitCode).not.toBe(0);
    const said = r.annotations.map((a) => a.message).join('\n');
    expect(said).toContain('the git remote file:///nonexistent/evidence.git cannot be reached');
    expect(said).toContain('Check the repository URL');
    expect(said).not.toContain('internal error');
  });

  it('an unknown mode fails naming the input and the choices', async () => {
    const r = await runAction('freeze-window', { inputs: { mode: 'pause' }, cwd: workspace() });
    expect(r.exitCode).not.toBe(0);
    expect(r.annotations.map((a) => a.message).join('\n')).toContain(
      'input mode: "pause" is not a freeze mode (expected one of start, end, guard, status)',
    );
  });
});

describe('canary-conductor freeze (CLI)', () => {
  it('status and a dry-run start print what they found and would write', async () => {
    emulator = await startGitHubEmulator({ seed: { pulls: seedOf(mixedPulls(3)) } });
    const evidence = bareRepo();
    cleanups.push(evidence.cleanup);
    const cwd = workspace();
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: () => undefined,
      env: { GITHUB_TOKEN: TEST_TOKEN },
      cwd,
    };
    const base = [
      '--repo',
      emulator.repository,
      '--api-url',
      emulator.url,
      '--evidence-remote',
      evidence.dir,
      '--config',
      path.join(cwd, '.github/canary.yml'),
    ];
    expect(await runFreezeCli(['status', ...base], io)).toBe(0);
    expect(out.join('')).toContain('No release freeze has been recorded');
    out.length = 0;
    expect(await runFreezeCli(['start', ...base, '--version', '1.4.0', '--dry-run'], io)).toBe(0);
    expect(out.join('')).toContain('would label #1: add label hold-for-canary');
    expect(emulator.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(commitCount(evidence.dir, 'canary-evidence')).toBe(0);
  });
});
