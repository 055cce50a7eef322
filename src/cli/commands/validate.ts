/**
 * `canary-conductor validate [FILE...]`: every problem of each plan, by YAML path and line. A person sees the
 * first SHOWN_PROBLEMS and a count of the rest; --json lists them all.
 */
import path from 'node:path';
import {
  DEFAULT_PLAN_PATH,
  formatProblemList,
  readPlanText,
  validatePlanText,
  type PlanProblem,
} from '../../config/index.js';
import { parseCommandArgs } from '../args.js';
import { processIo, type CommandIo } from './cli-io.js';

export const USAGE = `Usage: canary-conductor validate [--config ${DEFAULT_PLAN_PATH}] [--json] [more plan files...]

Checks release plans against the plan language: YAML syntax, every key and value, and the references between
sections (stages to guardrails, guardrails to queries). Prints each problem with its YAML path and line.
Exit codes: 0 every plan is valid, 2 a plan has problems or cannot be read.
`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'validate',
    argv,
    {
      config: { type: 'string', short: 'c' },
      json: { type: 'boolean' },
    },
    true,
  );
  const files = [...(values.config ? [values.config] : []), ...positionals];
  if (!files.length) files.push(DEFAULT_PLAN_PATH);
  let failed = false;
  const report: Array<{ file: string; ok: boolean; problems: PlanProblem[] }> = [];
  for (const file of files) {
    const result = validatePlanText(await readPlanText(path.resolve(io.cwd, file)), file);
    if (result.ok) {
      const p = result.value.plan;
      report.push({ file, ok: true, problems: [] });
      if (!values.json) {
        io.stdout(
          `${file}: valid — ${p.release.service}, ${p.stages.length} stages (${p.stages.map((s) => s.name).join(' -> ')}), ${Object.keys(p.guardrails).length} guardrails, ${p.preflight.length} preflight checks\n`,
        );
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
