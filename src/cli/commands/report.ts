/**
 * `canary-conductor report`: the mini-RCA and the self-contained HTML release report from a local evidence
 * folder (a checkout of the evidence branch, or what a simulation wrote), without GitHub or git.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ConfigurationError,
  checkVersion,
  DEFAULT_PLAN_PATH,
  loadPlan,
  renderEvidenceDir,
  renderTag,
} from '../../config/index.js';
import { createTemplateSource } from '../../evidence/render.js';
import { readLocalEvidence } from '../../rca/evidence-source.js';
import { renderRcaMarkdown } from '../../rca/markdown.js';
import { deriveRca } from '../../rca/rca.js';
import { renderReportHtml } from '../../rca/report.js';
import { parseCommandArgs } from '../args.js';
import { processIo, type CommandIo } from './cli-io.js';

const USAGE = `Usage: canary-conductor report --evidence DIR --version V [--config F] [--decisions FILE]... [--out report.html] [--rca mini_rca.md]
  --evidence   the release's evidence folder (holding stage_<n>.json), e.g. evidence/1.4.0
  --decisions  decision log(s) of the release (reports/release_decisions/<deployment_id>.yaml)
  --out        where to write the HTML report (default <evidence>/report.html)
  --rca        where to write the mini-RCA markdown (default <evidence>/mini_rca_<version>.md)`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const { values } = parseCommandArgs('report', argv, {
    evidence: { type: 'string' },
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    version: { type: 'string' },
    decisions: { type: 'string', multiple: true },
    out: { type: 'string' },
    rca: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (!values.evidence)
    throw new ConfigurationError(`--evidence is required (the release's evidence folder)\n${USAGE}`);
  const version = values.version ?? '';
  const bad = checkVersion(version);
  if (bad) throw new ConfigurationError(`--version ${bad}`);
  const plan = await loadPlan(path.resolve(io.cwd, values.config));
  const evidenceDir = path.resolve(io.cwd, values.evidence);
  const evidence = await readLocalEvidence({
    evidenceDir,
    decisionFiles: (values.decisions ?? []).map((f) => path.resolve(io.cwd, f)),
  });
  const clock = { now: () => new Date() };
  const tag = renderTag(plan, { version });
  const rca = deriveRca({
    plan,
    version,
    stages: evidence.stages,
    decisions: evidence.decisions,
    clock,
    tag,
  });
  const md = renderRcaMarkdown(rca, {
    clock,
    templates: createTemplateSource(
      plan.evidence.templates ? { overrideDir: path.resolve(io.cwd, plan.evidence.templates) } : {},
    ),
    dir: renderEvidenceDir(plan, { version }),
  });
  const { html, charts } = renderReportHtml({
    plan,
    rca,
    stages: evidence.stages,
    evidenceFiles: evidence.evidenceFiles,
    generatedAt: clock.now(),
  });
  const out = path.resolve(io.cwd, values.out ?? path.join(values.evidence, 'report.html'));
  const rcaOut = path.resolve(io.cwd, values.rca ?? path.join(values.evidence, md.path.split('/').pop()!));
  await writeFile(out, html);
  await writeFile(rcaOut, md.content);
  io.stdout(
    `${rca.facts.outcome}: ${rca.facts.outcomeReason}\n` +
      `report: ${out} (${charts.length} metric charts, ${evidence.stages.length} stage runs)\n` +
      `mini-RCA: ${rcaOut}\n`,
  );
  return 0;
}
