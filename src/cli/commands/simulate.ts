/**
 * `canary-conductor simulate [--config F] [--scenario S] [--out DIR] [--seed N] [--at ISO] [--version V]
 * [--run-commands] [--json]`:
 * a whole release on the real code path against local counterparts and a virtual clock (src/simulate/).
 * Exit codes as for `gate`: 0 promoted, 10 rolled back, 11 stopped for a human review, 1 preflight failed,
 * 2 bad input.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, DEFAULT_PLAN_PATH, parsePlan, readPlanText } from '../../config/index.js';
import { verifyEvidence } from '../../evidence/verify.js';
import { embeddedPlanPath } from '../../simulate/default-plan.js';
import { SCENARIO_NAMES, SCENARIOS, scenarioNamed } from '../../simulate/scenarios.js';
import {
  DEFAULT_SEED,
  simulateRelease,
  type SimulationOutcome,
  type SimulationProgress,
} from '../../simulate/simulate.js';
import { parseCommandArgs, parseInstant } from '../args.js';
import { processIo, type CommandIo } from './cli-io.js';

export const EXIT: Record<SimulationOutcome, number> = {
  promoted: 0,
  rolled_back: 10,
  review: 11,
  preflight_failed: 1,
};

export const USAGE = `usage: canary-conductor simulate [--config FILE] [--scenario NAME] [--out DIR] [--seed N]
                                [--at ISO-INSTANT] [--version V] [--run-commands] [--json]

A whole canary release, simulated end to end: freeze, preflight, every stage on a synthetic metric source with
a virtual clock, rollback or promote, tag, mini-RCA, freeze end. Nothing outside 127.0.0.1 is contacted.

  --config FILE     release plan (default ${DEFAULT_PLAN_PATH} when present, else the built-in reference plan)
  --scenario NAME   ${SCENARIO_NAMES.join(' | ')} (default healthy)
${SCENARIO_NAMES.map((n) => `                      ${n.padEnd(19)} ${SCENARIOS[n].expected.outcome}: ${SCENARIOS[n].expected.why}`).join('\n')}
  --out DIR         where the simulated repository, the evidence checkout and report.html go
                    (default ./canary-simulation; replaced on a re-run, refused if it holds anything else)
  --seed N          metric noise seed (default ${DEFAULT_SEED}); the same seed writes the same evidence
  --at ISO          start of stage 1 (default: the first moment the plan's calendar allows)
  --version V       the version released (default 1.4.0)
  --run-commands    run the plan's commands (preflight \`run\` checks, rollback.run) on this host; without it
                    each is rehearsed: shown as SIMULATED with the exact command, never run, never a PASS
  --json            print the result as JSON on stdout (the war-room log goes to stderr)

Exit codes: 0 promoted, 10 rolled back, 11 stopped for a human review, 1 preflight failed, 2 bad input.
`;

async function resolvePlan(
  config: string | undefined,
  cwd: string,
): Promise<{ path: string; text: string; source: string }> {
  if (config) return { path: config, text: await readPlanText(path.resolve(cwd, config)), source: config };
  const local = path.resolve(cwd, DEFAULT_PLAN_PATH);
  if (existsSync(local))
    return { path: DEFAULT_PLAN_PATH, text: await readFile(local, 'utf8'), source: DEFAULT_PLAN_PATH };
  const embedded = embeddedPlanPath();
  return {
    path: embedded,
    text: await readFile(embedded, 'utf8'),
    source: `the built-in reference plan (${embedded})`,
  };
}

function progressText(p: SimulationProgress): string {
  const at = p.at.toISOString().slice(11, 16);
  if (p.phase === 'stage' && p.stage) {
    const bar = Array.from({ length: p.stages }, (_, i) =>
      i + 1 < p.stage! ? '#' : i + 1 === p.stage ? '>' : '.',
    ).join('');
    return `[${bar}] stage ${p.stage}/${p.stages}${p.sample ? `, sample ${p.sample.index}` : ''} | virtual ${at}Z`;
  }
  return `[${p.phase}] virtual ${at}Z`;
}

export async function run(
  argv: string[],
  io: CommandIo = processIo(),
  isTTY: boolean = process.stdout.isTTY === true,
): Promise<number> {
  const { values } = parseCommandArgs('simulate', argv, {
    config: { type: 'string', short: 'c' },
    scenario: { type: 'string', default: 'healthy' },
    out: { type: 'string', default: './canary-simulation' },
    seed: { type: 'string', default: String(DEFAULT_SEED) },
    at: { type: 'string' },
    version: { type: 'string' },
    'run-commands': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const scenario = scenarioNamed(values.scenario!);
  if (!/^\d{1,9}$/.test(values.seed!))
    throw new ConfigurationError(
      `--seed: ${JSON.stringify(values.seed)} is not a seed (expected a whole number 0..999999999)`,
    );
  const at = parseInstant('at', values.at);
  const planFile = await resolvePlan(values.config, io.cwd);
  const plan = parsePlan(planFile.text, planFile.path);
  const outDir = path.resolve(io.cwd, values.out!);

  const json = values.json === true;
  const showProgress = isTTY && !json;
  const print = json ? io.stderr : io.stdout;
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) io.stdout('\r\x1b[2K');
    progressShown = false;
  };
  const started = performance.now();
  print(`plan: ${planFile.source}\n`);
  const result = await simulateRelease({
    plan,
    planText: planFile.text,
    scenario: scenario.name,
    seed: Number(values.seed),
    outDir,
    ...(values.version ? { version: values.version } : {}),
    ...(at ? { at } : {}),
    runCommands: values['run-commands'] === true,
    env: io.env,
    onLine: (line) => {
      clearProgress();
      print(`${line}\n`);
    },
    onProgress: showProgress
      ? (p) => {
          clearProgress();
          io.stdout(progressText(p));
          progressShown = true;
        }
      : undefined,
  });
  clearProgress();
  const verified = await verifyEvidence(result.repository, { branch: result.evidenceBranch, cwd: io.cwd });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (json) {
    io.stdout(
      `${JSON.stringify({ ...result, lines: undefined, stages: result.stages.map((s) => ({ name: s.stage.name, decision: s.decision, reason: s.reason, samples: s.samples.length, holds: s.holds })), verified: verified.ok, seconds: Number(seconds) }, null, 2)}\n`,
    );
  } else {
    const stage = result.stage ? ` at stage ${result.stage.number} ${result.stage.name}` : '';
    io.stdout(
      [
        '',
        `Outcome: ${result.outcome.toUpperCase().replace('_', ' ')}${stage} (scenario ${result.scenario}, seed ${result.seed}; ${seconds} s)`,
        `Evidence: ${path.relative(io.cwd, result.evidenceCheckout) || '.'}/${result.evidenceDir}/  (branch ${result.evidenceBranch} of the git repository ${path.relative(io.cwd, result.repository)})`,
        `Decision log: ${path.relative(io.cwd, result.evidenceCheckout)}/${result.decisionLog} - ${verified.ok ? `verified: ${verified.records} records, hash chain intact` : `VERIFICATION FAILED: ${verified.problems[0]?.message ?? 'unknown'}`}`,
        result.reportPath
          ? `Report: ${path.relative(io.cwd, result.reportPath)}`
          : 'Report: none (no stage ran)',
        result.rcaPath ? `Mini-RCA: ${path.relative(io.cwd, result.evidenceCheckout)}/${result.rcaPath}` : '',
        `Check it yourself: npx canary-conductor verify-evidence ${path.relative(io.cwd, result.repository)}`,
        '',
      ]
        .filter((l, i, all) => l !== '' || i === 0 || i === all.length - 1)
        .join('\n'),
    );
  }
  if (!verified.ok) return 1;
  return EXIT[result.outcome];
}
