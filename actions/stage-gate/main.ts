import path from 'node:path';
import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readBoolean, readCommonInputs, requireInput, runContext } from '../../src/action/inputs.js';
import { escapeHtml } from '../../src/action/summary.js';
import { ConfigurationError, getErrorMessage, loadPlan, type ReleasePlan } from '../../src/config/index.js';
import { createTemplateSource } from '../../src/evidence/render.js';
import { realClock } from '../../src/platform/clock.js';
import { defaultEvidenceRemote, isGitUrl } from '../../src/git/remote.js';
import { parseRepository } from '../../src/github/api/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import type { EvidenceTarget } from '../../src/stage-gate/evidence-target.js';
import type { GateGitHub } from '../../src/stage-gate/github-side.js';
import { releaseDeploymentId } from '../../src/stage-gate/stage-ref.js';

const MODES = ['stage', 'promote', 'first-night'] as const;
type Mode = (typeof MODES)[number];

function readMode(): Mode {
  const raw = core.getInput('mode').trim() || 'stage';
  if (!(MODES as readonly string[]).includes(raw))
    throw new ConfigurationError(`input mode: "${raw}" is not one of ${MODES.join(', ')}`);
  return raw as Mode;
}

const log = { info: core.info, warn: core.warning };

async function act(): Promise<void> {
  const mode = readMode();
  const inputs = readCommonInputs();
  const run = runContext();
  const plan: ReleasePlan = await loadPlan(inputs.config);
  const deploymentId =
    core.getInput('deployment-id').trim() || releaseDeploymentId(plan, inputs.version, run.runId);
  const remote = inputs.evidenceRemote || defaultEvidenceRemote();
  const evidence: EvidenceTarget = {
    remote,
    templates: createTemplateSource(
      plan.evidence.templates ? { overrideDir: path.resolve(run.workspace, plan.evidence.templates) } : {},
    ),
    cwd: run.workspace,
    ...(inputs.token && isGitUrl(remote) ? { token: inputs.token } : {}),
  };
  const github: GateGitHub | null =
    inputs.token && run.repository
      ? {
          client: createGitHubClient({
            token: inputs.token,
            baseUrl: run.apiUrl,
            dryRun: inputs.dryRun,
            log: { ...log, debug: core.debug },
          }),
          repo: parseRepository(run.repository),
          runId: /^\d+$/.test(run.runId) ? Number(run.runId) : null,
        }
      : null;
  const runUrl = run.runUrl || undefined;

  // Each mode loads only its own step code (dynamic import: a separate chunk of the bundle), so promote never
  // evaluates the gate engine, the metric source or the traffic providers, and a stage never the promote steps.
  if (mode === 'promote') {
    const [{ runPromoteSteps }, { promoteRelease }] = await Promise.all([
      import('../../src/stage-gate/promote-steps.js'),
      import('../../src/stage-gate/promote.js'),
    ]);
    // Silence and promote commands first: a failure stops the promotion before GA seals the log.
    const steps = await runPromoteSteps(plan, inputs.version, {
      cwd: run.workspace,
      now: new Date(),
      dryRun: inputs.dryRun,
      log: core.info,
    });
    const out = await promoteRelease(
      { plan, version: inputs.version, deploymentId, dryRun: inputs.dryRun, ...(runUrl ? { runUrl } : {}) },
      { evidence, clock: realClock, log: core.info },
    );
    core.setOutput('decision', out.decision);
    core.setOutput('reason', out.reason);
    core.setOutput('summary-json', JSON.stringify(out));
    await core.summary
      .addRaw(
        `<h2>✅ ${escapeHtml(plan.release.service)} v${escapeHtml(inputs.version)}: PROMOTED${inputs.dryRun ? ' (dry-run)' : ''}</h2>`,
        true,
      )
      .addRaw(`<p>${escapeHtml(out.reason)}</p>`, true)
      .addTable([
        [{ data: 'Decision log', header: true }, escapeHtml(out.decisionLog)],
        [{ data: 'GA record sha256', header: true }, escapeHtml(out.gaSha256 ?? '—')],
        [{ data: 'Evidence', header: true }, escapeHtml(out.evidence.detail)],
        ...steps.map((st) => [
          { data: escapeHtml(`Promote ${st.name}`), header: true },
          escapeHtml(st.detail),
        ]),
      ])
      .write();
    return;
  }

  const { prometheusForPlan } = await import('../../src/gate/plan-source.js');
  const source = prometheusForPlan(plan, { url: core.getInput('prometheus-url').trim() });

  if (mode === 'first-night') {
    const [{ readSignoff }, { evaluateFirstNight }] = await Promise.all([
      import('../../src/stage-gate/github-side.js'),
      import('../../src/stage-gate/first-night.js'),
    ]);
    const environment = plan.signoff.first_night?.environment ?? null;
    const { signoff, note } = await readSignoff(github, environment, log);
    const out = await evaluateFirstNight(
      {
        plan,
        version: inputs.version,
        deploymentId,
        dryRun: inputs.dryRun,
        signoff,
        signoffNote: note,
        ...(runUrl ? { runUrl } : {}),
      },
      { source, evidence, clock: realClock, log: core.info },
    );
    core.setOutput('decision', out.decision);
    core.setOutput('reason', out.reason);
    core.setOutput('summary-json', JSON.stringify(out));
    if (!out.passed) core.error(out.reason, { title: 'First night: SLO burn rate' });
    await core.summary
      .addRaw(
        `<h2>${out.passed ? '✅' : '🛑'} First night: ${escapeHtml(out.decision)}${inputs.dryRun ? ' (dry-run)' : ''}</h2>`,
        true,
      )
      .addRaw(`<p>${escapeHtml(out.reason)}</p>`, true)
      .addTable([
        [{ data: 'Query', header: true }, `<code>${escapeHtml(out.query.promql)}</code>`],
        [{ data: 'Origin', header: true }, escapeHtml(out.query.origin)],
        [
          { data: 'Sign-off', header: true },
          escapeHtml(
            signoff
              ? `${signoff.approver}${signoff.approval_comment ? `: ${signoff.approval_comment}` : ''}`
              : note,
          ),
        ],
        [{ data: 'Evidence', header: true }, escapeHtml(`${out.decisionLog}: ${out.evidence.detail}`)],
      ])
      .write();
    if (!out.passed) core.setFailed(`first night: ${out.reason}`);
    return;
  }

  const [{ runStageGate }, { createTrafficProvider }, { breaches }, { stageSummaryHtml }] = await Promise.all(
    [
      import('../../src/stage-gate/run-stage-gate.js'),
      import('../../src/traffic/index.js'),
      import('../../src/stage-gate/views.js'),
      import('../../src/action/stage-summary.js'),
    ],
  );
  const stageInput = requireInput('stage', 'a stage number such as "3" or a stage name');
  const setTraffic = readBoolean('set-traffic', true);
  const abort = new AbortController();
  // A cancelled job stops sampling; the engine reports the stop, which is never a pass.
  const stop = (signal: string) => abort.abort(new Error(`job received ${signal}`));
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  let out;
  try {
    out = await runStageGate(
      {
        plan,
        version: inputs.version,
        stage: stageInput,
        deploymentId,
        dryRun: inputs.dryRun,
        setTraffic,
        sha: run.sha,
        ...(runUrl ? { runUrl } : {}),
      },
      {
        source,
        clock: realClock,
        traffic: setTraffic
          ? createTrafficProvider(plan.traffic, { cwd: run.workspace, log: core.info })
          : null,
        github,
        evidence,
        log,
        signal: abort.signal,
        onSample: (sample) => core.info(sample.warroom),
      },
    );
  } catch (e) {
    // The rollback job reads this output: say what stopped the stage even when no decision was made.
    core.setOutput('reason', `stage ${stageInput} stopped before a decision: ${getErrorMessage(e)}`);
    throw e;
  }
  const { result, stage } = out;
  core.setOutput('decision', result.decision);
  core.setOutput('reason', result.reason);
  const { samples: _samples, ...compact } = result;
  core.setOutput(
    'summary-json',
    JSON.stringify({
      ...compact,
      samples: result.samples.length,
      deployment_id: deploymentId,
      decision_log: out.decisionLog,
      evidence: out.evidence.paths,
      traffic_cut: out.trafficCut,
    }),
  );
  for (const g of breaches(result)) {
    core.error(`${g.name}: ${g.reason}`, {
      title: `Stage ${stage.number} ${stage.config.name}: ${g.status.toUpperCase()} ${g.name}`,
    });
  }
  await core.summary
    .addRaw(
      stageSummaryHtml({
        plan,
        version: inputs.version,
        stageNumber: stage.number,
        result,
        dryRun: inputs.dryRun,
        facts: [
          [
            'Sign-off',
            out.signoff
              ? `${out.signoff.approver} (${out.signoff.state})${out.signoff.approval_comment ? `: ${out.signoff.approval_comment}` : ''}`
              : out.signoffNote,
          ],
          ['Traffic', out.traffic],
          ...(out.trafficCut ? [['Traffic cut', out.trafficCut.detail] as [string, string]] : []),
          ['Deployment', out.deployment],
          ['Metrics', result.source],
          ['Decision log', `${out.decisionLog} (${deploymentId})`],
          ['Evidence', out.evidence.detail],
        ],
      }),
      true,
    )
    .write();
  if (!out.passed) {
    core.setFailed(`Stage ${stage.number} ${stage.config.name}: ${result.decision}: ${result.reason}`);
  }
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('stage-gate', act);
}
