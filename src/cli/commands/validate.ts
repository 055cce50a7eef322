import { readPlanText, validatePlanText, formatProblem, DEFAULT_PLAN_PATH } from '../../config/index.js';
import { countsAdvisories } from '../../gate/ratio-counts.js';
import { parseCommandArgs } from '../args.js';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'validate',
    argv,
    {
      config: { type: 'string', short: 'c' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(
      'Usage: canary-conductor validate [--config .github/canary.yml] [--json] [more plan files...]\n',
    );
    return 0;
  }
  const files = [...(values.config ? [values.config] : []), ...positionals];
  if (!files.length) files.push(DEFAULT_PLAN_PATH);
  let failed = false;
  const report: Array<{ file: string; ok: boolean; problems: unknown[]; advisories?: string[] }> = [];
  for (const file of files) {
    const result = validatePlanText(await readPlanText(file), file);
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
