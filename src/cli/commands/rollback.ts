/**
 * `canary-conductor rollback`: the same rollback as the action, from a laptop. Evidence goes to --evidence-remote
 * (a git URL or path) when given, else it is written under --out (default the current directory, as the runbook's
 * `cat > evidence/rollback_$(date ...).txt` does). The incident issue needs a token (env GITHUB_TOKEN, or the
 * variable --token-env names) and --repo (or GITHUB_REPOSITORY).
 * Exit codes: 0 every step done, 1 a step failed (the others still ran), 2 bad input (including a --stage that
 * is not a stage of the plan: nothing runs).
 */
import { ConfigurationError, DEFAULT_PLAN_PATH, loadPlan } from '../../config/index.js';
import { isGitUrl } from '../../git/remote.js';
import { parseRepository } from '../../github/api/index.js';
import { createGitHubClient } from '../../github/client.js';
import { parseMetricsSnapshot } from '../../rollback/action-inputs.js';
import { checkRollbackStage, runRollback } from '../../rollback/run-rollback.js';
import { parseCommandArgs, versionOption } from '../args.js';

export const USAGE = `Usage: canary-conductor rollback --version 1.4.0 --stage quarter --reason "api_p95 hard breach"
  [--config .github/canary.yml] [--triggered-by "IC: alice"] [--metrics-snapshot '{"p95_latency_ms":612}']
  [--evidence-remote <git URL or path> | --out <dir>] [--repo owner/name] [--token-env GITHUB_TOKEN] [--dry-run] [--json]
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('rollback', argv, {
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    version: { type: 'string' },
    stage: { type: 'string' },
    reason: { type: 'string' },
    'triggered-by': { type: 'string' },
    'metrics-snapshot': { type: 'string' },
    'evidence-remote': { type: 'string' },
    out: { type: 'string' },
    repo: { type: 'string' },
    'token-env': { type: 'string', default: 'GITHUB_TOKEN' },
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const version = versionOption(values.version);
  if (!values.stage)
    throw new ConfigurationError('--stage is missing (the stage being rolled back, e.g. quarter)');
  if (!values.reason) throw new ConfigurationError('--reason is missing (why the release is rolled back)');
  const plan = await loadPlan(values.config);
  checkRollbackStage(plan, values.stage, '--stage');
  const metricsSnapshot = parseMetricsSnapshot(values['metrics-snapshot'] ?? '', '--metrics-snapshot');
  const token = process.env[values['token-env']!] ?? '';
  const repository = values.repo ?? process.env.GITHUB_REPOSITORY ?? '';
  const quiet = { info: () => undefined, warn: (m: string) => process.stderr.write(`${m}\n`) };
  const github =
    token && repository
      ? {
          client: createGitHubClient({ token, dryRun: values['dry-run']!, log: quiet }),
          repo: parseRepository(repository, '--repo'),
        }
      : undefined;
  const remote = values['evidence-remote'];
  const result = await runRollback({
    plan,
    version,
    stage: values.stage,
    reason: values.reason,
    triggeredBy: values['triggered-by'] ?? `manual (${process.env.USER ?? 'cli'})`,
    ...(metricsSnapshot ? { metricsSnapshot } : {}),
    dryRun: values['dry-run']!,
    clock: { now: () => new Date() },
    deps: {
      cwd: process.cwd(),
      ...(github ? { github } : {}),
      evidence: remote
        ? { remote, ...(token && isGitUrl(remote) ? { token } : {}) }
        : { outDir: values.out ?? process.cwd() },
      log: values.json ? () => undefined : (line) => process.stderr.write(`${line}\n`),
    },
  });
  process.stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.summary}\n`);
  return result.ok ? 0 : 1;
}
