import {
  checkVersionForPlan,
  readPlanText,
  validatePlanText,
  formatProblem,
  DEFAULT_PLAN_PATH,
  type PlanProblem,
} from '../../config/index.js';
import { countsAdvisories } from '../../gate/ratio-counts.js';
import { runnerLabels, stageJobLimitProblems } from '../../plan/slots.js';
import { parseCommandArgs } from '../args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'validate',
    argv,
    {
      config: { type: 'string', short: 'c' },
      version: { type: 'string' },
      json: { type: 'boolean' },
      'runs-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(
      'Usage: canary-conductor validate [--config .github/canary.yml] [--version 1.4.0] [--runs-on ubuntu-latest] [--json] [more plan files...]\n' +
        "  --version  also checks that the version makes a valid tag with each plan's release.tag\n" +
        '  --runs-on  the runner of the stage jobs (the workflow input: a label or a JSON list); a GitHub-hosted\n' +
        '             job stops after 6 hours, a self-hosted one after 5 days\n',
    );
    return 0;
  }
  const files = [...(values.config ? [values.config] : []), ...positionals];
  if (!files.length) files.push(DEFAULT_PLAN_PATH);
  const runner = runnerLabels(values['runs-on'] ?? '', '--runs-on');
  let failed = false;
  const report: Array<{ file: string; ok: boolean; problems: unknown[]; advisories?: string[] }> = [];
  for (const file of files) {
    const validated = validatePlanText(await readPlanText(file), file);
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
        process.stdout.write(
          `${file}: valid — ${p.release.service}, ${p.stages.length} stages (${p.stages.map((s) => s.name).join(' -> ')}), ${Object.keys(p.guardrails).length} guardrails, ${p.preflight.length} preflight checks\n`,
        );
        // Advice, not problems: the plan is valid and the exit code stays 0.
        for (const a of advisories) process.stdout.write(`  advisory: ${a}\n`);
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
