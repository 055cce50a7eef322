/**
 * `canary-conductor validate [FILE...]`: every problem of each plan, by YAML path and line. A person sees the
 * first SHOWN_PROBLEMS and a count of the rest; --json lists them all.
 */
import path from 'node:path';
import {
  checkVersionForPlan,
  DEFAULT_PLAN_PATH,
  formatProblemList,
  readPlanText,
  validatePlanText,
  type PlanProblem,
} from '../../config/index.js';
import { countsAdvisories } from '../../gate/ratio-counts.js';
import { runnerLabels, stageJobLimitProblems } from '../../plan/slots.js';
import { parseCommandArgs } from '../args.js';
import { processIo, type CommandIo } from './cli-io.js';

export const USAGE = `Usage: canary-conductor validate [--config ${DEFAULT_PLAN_PATH}] [--version 1.4.0] [--runs-on ubuntu-latest] [--json] [more plan files...]

Checks release plans against the plan language: YAML syntax, every key and value, and the references between
sections (stages to guardrails, guardrails to queries). Prints each problem with its YAML path and line.
  --version  also checks that the version makes a valid tag with each plan's release.tag
  --runs-on  the runner of the stage jobs (the workflow input: a label or a JSON list); a GitHub-hosted
             job stops after 6 hours, a self-hosted one after 5 days
Exit codes: 0 every plan is valid, 2 a plan has problems or cannot be read.
`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'validate',
    argv,
    {
      config: { type: 'string', short: 'c' },
      version: { type: 'string' },
      json: { type: 'boolean' },
      'runs-on': { type: 'string' },
    },
    true,
  );
  const files = [...(values.config ? [values.config] : []), ...positionals];
  if (!files.length) files.push(DEFAULT_PLAN_PATH);
  const runner = runnerLabels(values['runs-on'] ?? '', '--runs-on');
  let failed = false;
  const report: Array<{ file: string; ok: boolean; problems: PlanProblem[]; advisories?: string[] }> = [];
  for (const file of files) {
    const validated = validatePlanText(await readPlanText(path.resolve(io.cwd, file)), file);
    const versioned = values.version === undefined ? validated : withVersion(validated, values.version);
    // The stage jobs' time limit depends on the runner, not on the plan alone; judged as the plan action does.
    const result = versioned.ok
      ? (() => {
          const problems = stageJobLimitProblems(versioned.value.plan, runner);
          return problems.length ? { ok: false as const, problems } : versioned;
        })()
      : versioned;
    if (result.ok) {
      const p = result.value.plan;
      const advisories = countsAdvisories(p);
      report.push({ file, ok: true, problems: [], advisories });
      if (!values.json) {
        io.stdout(
          `${file}: valid — ${p.release.service}, ${p.stages.length} stages (${p.stages.map((s) => s.name).join(' -> ')}), ${Object.keys(p.guardrails).length} guardrails, ${p.preflight.length} preflight checks\n`,
        );
        // Advice, not problems: the plan is valid and the exit code stays 0.
        for (const a of advisories) io.stdout(`  advisory: ${a}\n`);
      }
    } else {
      failed = true;
      report.push({ file, ok: false, problems: result.problems });
      if (!values.json) {
        const count = result.problems.length;
        io.stderr(
          `${file}: ${count} problem${count === 1 ? '' : 's'}\n${formatProblemList(result.problems, '  ').join('\n')}\n`,
        );
      }
    }
  }
  if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return failed ? 2 : 0;
}

/** A plan that validates but cannot tag this version is reported like any plan problem (exit 2). */
function withVersion(
  result: ReturnType<typeof validatePlanText>,
  version: string,
): ReturnType<typeof validatePlanText> {
  if (!result.ok) return result;
  const bad = checkVersionForPlan(result.value.plan, version);
  if (!bad) return result;
  const problem: PlanProblem = { path: '--version', message: bad };
  return { ok: false, problems: [problem] };
}
