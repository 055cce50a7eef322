/**
 * `canary-conductor report`: the mini-RCA and the self-contained HTML release report from a local evidence
 * folder (a checkout of the evidence branch, or what a simulation wrote), without GitHub or git.
 * Read-only towards the evidence: the decision log beside the evidence is read, and the output goes to a folder
 * of its own (--out), never over committed evidence.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  ConfigurationError,
  DEFAULT_PLAN_PATH,
  loadPlan,
  renderEvidenceDir,
  renderTag,
} from '../../config/index.js';
import { createTemplateSource } from '../../evidence/render.js';
import {
  evidenceCheckoutRoot,
  findDecisionLogs,
  readLocalEvidence,
} from '../../evidence/release-evidence.js';
import { renderRcaMarkdown } from '../../rca/markdown.js';
import { deriveRca } from '../../rca/rca.js';
import { renderReportHtml, verdictLine } from '../../rca/report.js';
import { parseCommandArgs, versionOption } from '../args.js';
import { defaultReportDir, prepareReportOutput } from '../report-output.js';
import { processIo, type CommandIo } from './cli-io.js';

export const USAGE = `Usage: canary-conductor report --evidence DIR --version V [--config F] [--decisions FILE]... [--out DIR]

Renders the mini-RCA and the HTML release report of a release from its local evidence. Read-only: nothing in
the evidence folder or its checkout is changed.

  --evidence   the release's evidence folder (holding stage_<n>.json), e.g. evidence/1.4.0 in a checkout of
               the evidence branch
  --version    the version released
  --config     release plan (default ${DEFAULT_PLAN_PATH})
  --decisions  decision log(s) of the release (default: the logs of this version found beside the evidence,
               at the plan's evidence.decisions, e.g. reports/release_decisions/<deployment_id>.yaml)
  --out        folder to write report.html and mini_rca_<version>.md to (default ./canary-report-<version>);
               refused when it is the evidence folder or would overwrite a file git tracks
`;

/** The moment the release's record ends: the last decision or stage decision. The RCA is dated by it, so a re-run renders the same files. */
function releaseEnd(
  decisions: Array<{ start_timestamp: string }>,
  stages: Array<{ decided_at: string }>,
): Date {
  const times = [...decisions.map((d) => d.start_timestamp), ...stages.map((s) => s.decided_at)]
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t));
  if (!times.length)
    throw new ConfigurationError(
      '--evidence: no stage results (stage_<n>.json) and no decision records; nothing to report on',
    );
  return new Date(Math.max(...times));
}

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const { values } = parseCommandArgs('report', argv, {
    evidence: { type: 'string' },
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    version: { type: 'string' },
    decisions: { type: 'string', multiple: true },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (!values.evidence)
    throw new ConfigurationError(`--evidence is required (the release's evidence folder)\n${USAGE}`);
  const version = versionOption(values.version);
  const plan = await loadPlan(path.resolve(io.cwd, values.config!));
  const evidenceDir = path.resolve(io.cwd, values.evidence);
  const renderedDir = renderEvidenceDir(plan, { version });

  let decisionFiles = (values.decisions ?? []).map((f) => path.resolve(io.cwd, f));
  if (!values.decisions?.length) {
    const root = evidenceCheckoutRoot(evidenceDir, renderedDir);
    const found = root ? await findDecisionLogs(root, plan, version) : [];
    decisionFiles = root ? found.map((f) => path.join(root, f)) : [];
    if (!decisionFiles.length)
      io.stderr(
        root
          ? `report: no decision log of ${version} at ${plan.evidence.decisions} in ${root}; the RCA is built from the stage results alone (give --decisions to name one)\n`
          : `report: ${values.evidence} does not end with the plan's evidence.dir (${renderedDir}), so no decision log was looked for beside it; the RCA is built from the stage results alone (give --decisions to name one)\n`,
      );
  }
  // The freeze's state beside the evidence sets T0 of the release clock, as in the mini-RCA step.
  const checkoutRoot = evidenceCheckoutRoot(evidenceDir, renderedDir);
  const evidence = await readLocalEvidence({ evidenceDir, decisionFiles, checkoutRoot, version });
  const clock = { now: () => releaseEnd(evidence.decisions, evidence.stages) };
  // A tag exists only for a release that reached GA; a rolled-back release is named by its version.
  const promoted = evidence.decisions.some((d) => d.phase === 'ga');
  const rca = deriveRca({
    plan,
    version,
    stages: evidence.stages,
    decisions: evidence.decisions,
    clock,
    freezeStartedAt: evidence.freezeStartedAt,
    ...(promoted ? { tag: renderTag(plan, { version }) } : {}),
  });
  const md = renderRcaMarkdown(rca, {
    clock,
    templates: createTemplateSource(
      plan.evidence.templates ? { overrideDir: path.resolve(io.cwd, plan.evidence.templates) } : {},
    ),
    dir: renderedDir,
  });
  const outDir = path.resolve(io.cwd, values.out ?? defaultReportDir(version));
  const [htmlOut, rcaOut] = await prepareReportOutput({
    outDir,
    evidenceDir,
    fileNames: ['report.html', md.path.split('/').pop()!],
  });
  // Links from the report's own folder to every evidence file and the decision log it was built from.
  const linked = [
    ...evidence.evidenceFiles.map((name) => path.join(evidenceDir, name)),
    ...decisionFiles,
  ].map((file) => path.relative(outDir, file).split(path.sep).join('/'));
  const { html, charts } = renderReportHtml({
    plan,
    rca,
    stages: evidence.stages,
    evidenceFiles: linked,
    generatedAt: clock.now(),
  });
  await writeFile(htmlOut!, html);
  await writeFile(rcaOut!, md.content);
  const shown = (p: string) => path.relative(io.cwd, p) || '.';
  io.stdout(
    `${rca.facts.outcome}: ${verdictLine(rca.facts.outcomeReason)}\n` +
      `decision log: ${decisionFiles.length ? decisionFiles.map(shown).join(', ') : 'none'} (${evidence.decisions.length} records)\n` +
      `report: ${shown(htmlOut!)} (${charts.length} metric charts, ${evidence.stages.length} stage runs)\n` +
      `mini-RCA: ${shown(rcaOut!)}\n`,
  );
  return 0;
}
