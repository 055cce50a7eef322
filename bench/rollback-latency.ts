/**
 * Rollback latency: from the stage gate's ROLLBACK decision to the canary's traffic read back at the baseline
 * share, through the product's own path (runStageGate: decision -> cut through the plan's http provider ->
 * read-back -> decision record -> evidence push), against a local feature-flag server. Goal: at most 1 s.
 *
 * For comparison the same runs print when the stage's evidence push reached the evidence remote (a local bare
 * repository, so the figure is a floor): before the gate cut traffic itself, that push came first, and the
 * workflow's rollback job (queued only after the stage job failed, then a runner, a checkout) came after it.
 *
 * Each run: a fresh feature, the plan's 25% stage set through the provider, a synthetic source whose latency is
 * over the hard threshold from the first sample (virtual clock, so the decision comes at once), a ROLLBACK.
 */
import { pathToFileURL } from 'node:url';
import { parsePlan, type ReleasePlan } from '../src/config/index.js';
import { createTemplateSource } from '../src/evidence/render.js';
import { virtualClock } from '../src/platform/clock.js';
import { SyntheticSource } from '../src/metrics/synthetic.js';
import { deriveProfiles } from '../src/simulate/profiles.js';
import { runStageGate } from '../src/stage-gate/run-stage-gate.js';
import { createTrafficProvider } from '../src/traffic/index.js';
import { chainPlan, createReleaseRepo } from '../test/chain/release-repo.js';
import { startFlagServer } from '../test/traffic/flag-server.js';

export const RUNS = 20;
const GOAL_MS = 1000;

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export async function run(): Promise<string> {
  const flags = await startFlagServer();
  try {
    const parsed = parsePlan(
      chainPlan({ prometheusUrl: 'http://127.0.0.1:9', job: 'bench', flagUrl: flags.url }),
      'plan',
    );
    // No environments: the bench measures the cut, and a sign-off would need a GitHub run to read it from.
    const plan: ReleasePlan = {
      ...parsed,
      stages: parsed.stages.map(({ environment: _environment, ...s }) => s),
    };
    const repo = await createReleaseRepo('version: 1\n');
    const rows: Array<{ cutMs: number; readBack: string; pushAfterDecisionMs: number }> = [];
    for (let i = 1; i <= RUNS; i++) {
      const version = `9.0.${i}`;
      const start = new Date('2026-11-27T07:00:00Z');
      const out = await runStageGate(
        {
          plan,
          version,
          stage: 'quarter',
          deploymentId: `bench-${version}`,
          dryRun: false,
          setTraffic: true,
          sha: repo.sha,
        },
        {
          source: new SyntheticSource({
            scenario: 'step-regression',
            profiles: deriveProfiles(plan),
            startAt: start,
            onsetAt: 0,
            seed: i,
          }),
          clock: virtualClock(start),
          traffic: createTrafficProvider(plan.traffic),
          github: null,
          evidence: { remote: repo.bare, templates: createTemplateSource() },
          log: { info: () => undefined, warn: () => undefined },
        },
      );
      const cut = out.trafficCut;
      if (out.result.decision !== 'ROLLBACK' || !cut?.ok)
        throw new Error(
          `run ${i}: expected a ROLLBACK with a cut, got ${out.result.decision}: ${cut?.detail}`,
        );
      const readZero = flags.events.find((e) => e.feature === `v${version}` && e.kind === 'read');
      const push = repo.pushes().filter((p) => p.ref === 'refs/heads/canary-evidence')[i - 1];
      if (!readZero || !push) throw new Error(`run ${i}: no read-back or no evidence push recorded`);
      // The decision's wall time is the read-back's minus the measured latency (both on this machine).
      const decidedAt = readZero.at - cut.latencyMs;
      rows.push({
        cutMs: cut.latencyMs,
        readBack: JSON.stringify(cut.readBack),
        pushAfterDecisionMs: push.at - decidedAt,
      });
    }
    const cuts = rows.map((r) => r.cutMs);
    const pushes = rows.map((r) => r.pushAfterDecisionMs);
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    return [
      `rollback latency: ROLLBACK decision -> traffic 0% read back, http provider against a local flag server, ${RUNS} runs`,
      '',
      'figure                                        median      p95        max',
      `decision -> traffic 0% read back (cut)        ${fmt(quantile(cuts, 0.5)).padEnd(11)} ${fmt(quantile(cuts, 0.95)).padEnd(10)} ${fmt(Math.max(...cuts))}`,
      `decision -> evidence push reaches the remote  ${fmt(quantile(pushes, 0.5)).padEnd(11)} ${fmt(quantile(pushes, 0.95)).padEnd(10)} ${fmt(Math.max(...pushes))}`,
      '',
      `goal: cut <= ${GOAL_MS} ms: ${Math.max(...cuts) <= GOAL_MS ? 'met' : 'NOT met'} (max ${fmt(Math.max(...cuts))}); every read-back: ${[...new Set(rows.map((r) => r.readBack))].join(', ')}`,
      'before this change traffic stayed at the stage share for the whole second row, then until the rollback job ran',
      '',
    ].join('\n');
  } finally {
    await flags.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(await run());
}
