import {
  checkVersionForPlan,
  readPlanText,
  validatePlanText,
  formatProblem,
  DEFAULT_PLAN_PATH,
  type PlanProblem,
} from '../../config/index.js';
import { parseCommandArgs } from '../args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'validate',
    argv,
    {
      config: { type: 'string', short: 'c' },
      version: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(
      'Usage: canary-conductor validate [--config .github/canary.yml] [--version 1.4.0] [--json] [more plan files...]\n' +
        "  --version also checks that the version makes a valid tag with each plan's release.tag.\n",
    );
    return 0;
  }
  const files = [...(values.config ? [values.config] : []), ...positionals];
  if (!files.length) files.push(DEFAULT_PLAN_PATH);
  let failed = false;
  const report: Array<{ file: string; ok: boolean; problems: unknown[] }> = [];
  for (const file of files) {
    const validated = validatePlanText(await readPlanText(file), file);
    const result = values.version === undefined ? validated : withVersion(validated, values.version);
    if (result.ok) {
      const p = result.value.plan;
      report.push({ file, ok: true, problems: [] });
      if (!values.json) {
        process.stdout.write(
          `${file}: valid — ${p.release.service}, ${p.stages.length} stages (${p.stages.map((s) => s.name).join(' -> ')}), ${Object.keys(p.guardrails).length} guardrails, ${p.preflight.length} preflight checks\n`,
        );
      }
    } else {
      failed = true;
      report.push({ file, ok: false, problems: result.problems });
      if (!values.json) {
        process.stderr.write(
          `${file}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n`,
        );
        for (const p of result.problems) process.stderr.write(`  ${formatProblem(p)}\n`);
      }
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
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
