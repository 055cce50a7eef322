import * as core from '@actions/core';
import { runActionMain } from '../../src/action/run.js';
import { readCommonInputs } from '../../src/action/inputs.js';
import { planRelease } from '../../src/plan/plan-release.js';
import { escapeHtml } from '../../src/action/summary.js';
import { firstNightEnvironment, runnerLabels, stageSlots } from '../../src/plan/slots.js';

async function act(): Promise<void> {
  const inputs = readCommonInputs();
  const runner = runnerLabels(core.getInput('runs-on'));
  const result = await planRelease(inputs.config, inputs.version);
  const stages = result.stages.map((s) => ({
    name: s.name,
    traffic: s.traffic,
    duration_s: s.duration_s,
    interval_s: s.interval_s,
    environment: s.environment,
  }));
  core.setOutput('stages', JSON.stringify(stages));
  core.setOutput('stage-count', String(stages.length));
  core.setOutput('tag', result.tag);
  core.setOutput('evidence-dir', result.evidenceDir);
  core.setOutput('slots', JSON.stringify(stageSlots(result.plan, runner)));
  core.setOutput('runner', JSON.stringify(runner));
  core.setOutput('first-night-environment', firstNightEnvironment(result.plan));
  core.info(
    `${result.service} ${inputs.version}: ${stages.length} stages, tag ${result.tag}, evidence ${result.evidenceDir}`,
  );
  await core.summary
    .addHeading(`Release plan: ${escapeHtml(result.service)} ${escapeHtml(inputs.version)}`, 2)
    .addRaw(
      `<p>Tag <code>${escapeHtml(result.tag)}</code>, evidence in <code>${escapeHtml(result.evidenceDir)}</code></p>`,
    )
    .addTable([
      [
        { data: '#', header: true },
        { data: 'Stage', header: true },
        { data: 'Traffic', header: true },
        { data: 'Duration', header: true },
        { data: 'Interval', header: true },
        { data: 'Environment (sign-off)', header: true },
      ],
      ...result.stages.map((s) => [
        String(s.index + 1),
        escapeHtml(s.name),
        escapeHtml(
          typeof s.traffic === 'number'
            ? `${s.traffic}%`
            : Object.entries(s.traffic)
                .map(([f, v]) => `${f} ${v}%`)
                .join(', '),
        ),
        escapeHtml(s.duration_text),
        escapeHtml(s.interval_text),
        escapeHtml(s.environment ?? '—'),
      ]),
    ])
    .write();
}

/** The action: index.ts calls it, and so does local-action; importing this module performs nothing. */
export function run(): Promise<void> {
  return runActionMain('plan', act);
}
