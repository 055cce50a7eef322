/**
 * A stage's evidence from its StageResult: `stage_<n>.json` (the result itself, which the RCA and the report
 * read back), `rollout_stage_<weight>.txt` and `summary_stage_<n>.txt` rendered from the evidence templates,
 * and the stage's war-room lines in the engine's own format (gate/warroom.ts) appended to `warroom_log.txt`.
 * NOTE for the stage-gate action: this mapping belongs next to it (src/gate or src/evidence); the simulation
 * should then call that one.
 */
import type { EvidenceChange } from '../evidence/push.js';
import { renderEvidence, type TemplateSource } from '../evidence/render.js';
import type { StageResult } from '../gate/types.js';
import { stageResultFileName } from '../rca/stage-results.js';

function value(v: number | null | undefined): string {
  if (v === null || v === undefined) return 'n/a';
  return String(Number(v.toPrecision(4)));
}

function trafficWeight(traffic: StageResult['stage']['traffic']): number {
  return typeof traffic === 'number' ? traffic : Math.max(0, ...Object.values(traffic));
}

export function stageEvidence(
  result: StageResult,
  options: { version: string; dir: string; templates: TemplateSource; runUrl?: string },
): EvidenceChange[] {
  const { dir, templates, version } = options;
  const at = { now: () => new Date(result.decided_at) };
  const weight = trafficWeight(result.stage.traffic);
  const stageNumber = result.stage.index + 1;
  const base = { version, ...(options.runUrl ? { run_url: options.runUrl } : {}) };
  const rollout = renderEvidence(
    'rollout_stage',
    {
      ...base,
      stage_number: stageNumber,
      stage_name: result.stage.name,
      weight,
      decision: result.decision,
      reason: result.reason,
      guardrails: result.guardrails.map((g) => ({
        status: g.status.toUpperCase(),
        name: g.name,
        canary: value(g.values.canary),
        baseline: g.against === 'baseline' ? value(g.values.baseline) : null,
        threshold: g.thresholds.join(', ') || 'none',
        query: g.query.baseline ? `${g.query.canary} | baseline: ${g.query.baseline}` : g.query.canary,
      })),
    },
    { clock: at, templates, dir },
  );
  const summary = renderEvidence(
    'summary_stage',
    {
      ...base,
      stage_number: stageNumber,
      stage_name: result.stage.name,
      weight,
      started: result.started_at,
      ended: result.decided_at,
      evaluations: result.samples.length,
      passed: result.guardrails.filter((g) => g.status === 'pass').length,
      total: result.guardrails.length,
      decision: result.decision,
      reason: result.reason,
    },
    { clock: at, templates, dir },
  );
  const warroom = result.samples.map((s) => `${s.warroom}\n`).join('');
  return [
    { path: `${dir}/${stageResultFileName(result)}`, content: `${JSON.stringify(result, null, 2)}\n` },
    { path: rollout.path, content: rollout.content },
    { path: summary.path, content: summary.content },
    { path: `${dir}/warroom_log.txt`, content: warroom, mode: 'append' },
  ];
}
