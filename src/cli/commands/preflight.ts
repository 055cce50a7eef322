/**
 * `canary-conductor preflight --config F --version V [--at ISO] [--json] [--metrics-url URL] [--repo-dir DIR]
 *  [--previous-tag TAG] [--simulate-missing] [--out DIR]`
 * Runs the plan's preflight checks and prints a table and the `N/N PASS` line (or the report as JSON).
 * Exit 0 when every check passed (simulated ones are not failures), 1 when any failed or could not run,
 * 2 for bad input. GitHub checks read GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL and GITHUB_SHA.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_PLAN_PATH } from '../../config/index.js';
import { runPlanPreflight } from '../../preflight/plan-preflight.js';
import { textTable } from '../../preflight/report.js';
import { metricsUrlFlag, parseCommandArgs, parseInstant, versionOption } from '../args.js';

export const USAGE = `Usage: canary-conductor preflight [options]

Runs the release plan's preflight checks (the T-10 checks) and prints N/N PASS.

Options:
  -c, --config FILE        release plan (default ${DEFAULT_PLAN_PATH})
      --version V          the version being released (for {{version}})
      --at ISO             the instant the calendar check is asked about (default now)
      --metrics-url URL    the metric source's URL (old name --prometheus; default CANARY_METRICS_URL, then
                           the plan's, CANARY_PROMETHEUS_URL first for metrics.prometheus)
      --repo-dir DIR       git repository for schema_diff, github and calendar (default the current directory)
      --previous-tag TAG   compare with this tag (default: git describe --tags --abbrev=0 HEAD^)
      --simulate-missing   report run commands missing on this machine as SIMULATED instead of ERROR
      --out DIR            also write preflight.txt into DIR
      --json               print the report as JSON
  -h, --help

Exit codes: 0 all passed, 1 a check failed or could not run, 2 bad input.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('preflight', argv, {
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    version: { type: 'string' },
    at: { type: 'string' },
    'metrics-url': { type: 'string' },
    prometheus: { type: 'string' },
    'repo-dir': { type: 'string' },
    'previous-tag': { type: 'string' },
    'simulate-missing': { type: 'boolean', default: false },
    out: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const version = versionOption(values.version);
  const at = parseInstant('at', values.at);
  const metricsUrl = metricsUrlFlag(values);
  const repoDir = path.resolve(values['repo-dir'] ?? process.cwd());
  const token = process.env.GITHUB_TOKEN ?? '';
  const repository = process.env.GITHUB_REPOSITORY ?? '';

  const { report, evidence } = await runPlanPreflight({
    plan: values.config,
    version,
    repoDir,
    ...(at ? { at } : {}),
    ...(metricsUrl ? { metricsUrl } : {}),
    ...(values['previous-tag'] ? { previousTag: values['previous-tag'] } : {}),
    missingCommand: values['simulate-missing'] ? 'simulate' : 'error',
    ...(token && repository
      ? {
          github: {
            token,
            repository,
            ...(process.env.GITHUB_API_URL ? { apiUrl: process.env.GITHUB_API_URL } : {}),
            ...(process.env.GITHUB_SHA ? { sha: process.env.GITHUB_SHA } : {}),
          },
        }
      : {}),
  });

  if (values.out) {
    await mkdir(values.out, { recursive: true });
    await writeFile(path.join(values.out, 'preflight.txt'), evidence.content, 'utf8');
  }
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ summary_line: report.summaryLine, ...report, evidence_path: evidence.path }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${textTable(report)}\n`);
  }
  return report.ok ? 0 : 1;
}
