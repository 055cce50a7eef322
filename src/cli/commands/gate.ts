/**
 * `canary-conductor gate`: run one stage's gate against the plan's metric source, live or as a replay of a past window.
 * Exit codes: 0 PROCEED, 10 ROLLBACK, 11 HOLD or REVIEW, 2 bad input, 1 internal error.
 */
import { checkVersion, ConfigurationError, DEFAULT_PLAN_PATH, loadPlan } from '../../config/index.js';
import { realClock, replayClock } from '../../platform/clock.js';
import { stagePolicy } from '../../gate/evaluate.js';
import { findStage, runStage } from '../../gate/stage-run.js';
import type { Decision, StageResult } from '../../gate/types.js';
import { createMetricSource } from '../../metrics/registry.js';
import { metricsUrlFlag, parseCommandArgs, parseInstant } from '../args.js';

export const EXIT_CODES: Record<Decision, number> = { PROCEED: 0, ROLLBACK: 10, HOLD: 11, REVIEW: 11 };

export const USAGE = `Usage: canary-conductor gate --stage NAME [--config F] [--metrics-url URL] [--version V] [--from ISO [--to ISO]] [--json]

  Live (no --from): samples at the stage's interval, prints a war-room line per sample, stops at the decision.
  Replay (--from): evaluates a past window as if the stage had started at --from (--to defaults to the
  longest the stage could run: duration + max_holds x hold, capped at now).
  --json prints the stage result as JSON (war-room lines then go to stderr).
  Metric source URL: --metrics-url (old name --prometheus) > env CANARY_METRICS_URL > the source's url in the
  plan (for metrics.prometheus, env CANARY_PROMETHEUS_URL comes before the plan's url).
  Exit: 0 PROCEED, 10 ROLLBACK, 11 HOLD or REVIEW, 2 bad input, 1 internal error.
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('gate', argv, {
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    stage: { type: 'string', short: 's' },
    'metrics-url': { type: 'string' },
    prometheus: { type: 'string' },
    version: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!values.stage)
    throw new ConfigurationError(
      'canary-conductor gate: --stage is required (the name of a stage of the plan)',
    );
  if (values.version !== undefined) {
    const bad = checkVersion(values.version);
    if (bad) throw new ConfigurationError(`--version ${bad}`);
  }
  const from = parseInstant('from', values.from);
  let to = parseInstant('to', values.to);
  if (to && !from)
    throw new ConfigurationError('--to: needs --from (a replay window is --from ISO --to ISO)');

  const plan = await loadPlan(values.config);
  const { config: stage } = findStage(plan, values.stage);
  const source = createMetricSource(plan.metrics, { url: metricsUrlFlag(values) });
  const now = Date.now();
  if (from) {
    if (from.getTime() >= now)
      throw new ConfigurationError(
        `--from: ${from.toISOString()} is not in the past (a replay evaluates history; omit --from to gate live)`,
      );
    const policy = stagePolicy(stage);
    to ??= new Date(
      Math.min(now, from.getTime() + (policy.durationS + policy.maxHolds * policy.holdS) * 1000),
    );
    if (to.getTime() <= from.getTime())
      throw new ConfigurationError(`--to: ${to.toISOString()} is not after --from ${from.toISOString()}`);
    if (to.getTime() > now + 1000)
      throw new ConfigurationError(`--to: ${to.toISOString()} is in the future (a replay evaluates history)`);
  }

  const progress = values.json ? process.stderr : process.stdout;
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let result: StageResult;
  try {
    result = await runStage({
      plan,
      stage,
      version: values.version,
      source,
      clock: from ? replayClock(from) : realClock,
      mode: from ? 'replay' : 'live',
      ...(from ? { startAt: from, until: to } : {}),
      signal: controller.signal,
      onSample: (s) => {
        progress.write(`${s.warroom}\n`);
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    process.stdout.write(
      `${result.decision} at ${result.decided_at} (stage ${result.stage.name}, ${result.samples.length} samples, ${result.holds} holds): ${result.reason}\n`,
    );
  }
  return EXIT_CODES[result.decision];
}
