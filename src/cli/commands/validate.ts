import { readPlanText, validatePlanText, formatProblem, DEFAULT_PLAN_PATH } from '../../config/index.js';
import { countsAdvisories } from '../../gate/ratio-counts.js';
import { runnerLabels, stageJobLimitProblems } from '../../plan/slots.js';
import { parseCommandArgs } from '../args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'validate',
    argv,
    {
      config: { type: 'string', short: 'c' },
      json: { type: 'boolean' },
      'runs-on': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(
      'Usage: canary-conductor validate [--config .github/canary.yml] [--runs-on ubuntu-latest] [--json] [more plan files...]\n' +
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
    const parsed = validatePlanText(await readPlanText(file), file);
    // The stage jobs' time limit depends on the runner, not on the plan alone; judged as the plan action does.
    const result = parsed.ok
      ? (() => {
          const problems = stageJobLimitProblems(parsed.value.plan, runner);
          return problems.length ? { ok: false as const, problems } : parsed;
        })()
      : parsed;
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
