/**
 * `canary-conductor backtest`: how often each stage's guardrails would have fired soft or hard over history.
 * Exit codes: 0 report printed, 2 bad input, 1 internal error.
 */
import {
  checkVersion,
  ConfigurationError,
  DEFAULT_PLAN_PATH,
  loadPlan,
  parseDuration,
} from '../../config/index.js';
import { backtest, formatBacktest } from '../../gate/backtest.js';
import { createMetricSource } from '../../metrics/registry.js';
import { metricsUrlFlag, parseCommandArgs, parseInstant } from '../args.js';

export const USAGE = `Usage: canary-conductor backtest --from ISO --to ISO [--step 1h] [--stage NAME]... [--config F] [--metrics-url URL] [--version V] [--json]

  Runs each stage's guardrails over windows starting every --step in [from, to) and reports, per stage and
  guardrail, in how many windows soft and hard would have fired (and the decision by the end of each window).
  --metrics-url (old name --prometheus) overrides the metric source's URL, as for gate.
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('backtest', argv, {
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    from: { type: 'string' },
    to: { type: 'string' },
    step: { type: 'string', default: '1h' },
    stage: { type: 'string', multiple: true },
    'metrics-url': { type: 'string' },
    prometheus: { type: 'string' },
    version: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const from = parseInstant('from', values.from);
  const to = parseInstant('to', values.to);
  if (!from || !to)
    throw new ConfigurationError(
      'canary-conductor backtest: --from and --to are required (ISO-8601 instants)',
    );
  const stepS = parseDuration(values.step);
  if (stepS === undefined || !(stepS > 0))
    throw new ConfigurationError(
      `--step: ${JSON.stringify(values.step)} is not a duration (like 30m, 1h, 1d)`,
    );
  if (values.version !== undefined) {
    const bad = checkVersion(values.version);
    if (bad) throw new ConfigurationError(`--version ${bad}`);
  }
  const plan = await loadPlan(values.config);
  const report = await backtest({
    plan,
    source: createMetricSource(plan.metrics, { url: metricsUrlFlag(values) }),
    from,
    to,
    stepS,
    ...(values.stage ? { stages: values.stage } : {}),
    ...(values.version ? { version: values.version } : {}),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBacktest(report));
  return 0;
}
