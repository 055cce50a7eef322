/**
 * The first-night sign-off (first night monitoring, 24h): after the environment's wait timer, one
 * instant query at "now" measures the SLO burn rate over `signoff.first_night.window`, and the release passes
 * when it is at most `slo_burn_rate_max`. No value (no data, NaN, an error, an unreachable Prometheus) fails:
 * a night nobody could measure is not a good night.
 *
 * The burn-rate query is `slo_burn_rate_query` ({{track}} is the canary's label value; {{service}}, {{version}} also
 * render; validation refuses other placeholders, and requires the query with `slo_burn_rate_max`), e.g. for
 * Prometheus the night's error rate in units of the error budget:
 *
 *     (100 * sum(rate(..5xx..[24h])) / sum(rate(..[24h]))) / 1
 *
 * so 1 means the budget was spent exactly at the allowed pace.
 *
 * It refuses to judge before the window has elapsed since the GA record (firstNightTooEarly).
 *
 * The GA record seals the release's decision log, so this record goes to a log of its own,
 * `<deployment_id>-first-night`, whose notes name the GA record's sha256 it follows.
 */
import { ConfigurationError, formatDuration, renderTemplate, type ReleasePlan } from '../config/index.js';
import { appendDecision, readDecisionLog, SEALING_PHASE } from '../evidence/decision-log.js';
import type { EnvironmentSignoff } from '../evidence/approvals.js';
import type { EvidenceChange } from '../evidence/push.js';
import { trackLabelValue } from '../gate/query.js';
import type { Measurement, MetricSource } from '../metrics/source.js';
import { noEvidenceBranch, readRemoteEvidence } from '../evidence/release-evidence.js';
import { pushStageEvidence, type EvidencePushOutcome, type EvidenceTarget } from './evidence-target.js';
import { decisionLogPath, evidenceDir } from '../evidence/paths.js';
import { firstNightDeploymentId } from './stage-ref.js';
import type { Clock } from '../platform/clock.js';

export interface BurnRateQuery {
  query: string;
  /** How the query was obtained, for the summary and the record. */
  origin: string;
  windowS: number;
  max: number;
  environment: string;
}

export function burnRateQuery(plan: ReleasePlan, version: string): BurnRateQuery {
  const fn = plan.signoff.first_night;
  if (!fn)
    throw new ConfigurationError(
      'signoff.first_night: not in the plan (expected { environment, window, slo_burn_rate_max })',
    );
  if (fn.window === undefined)
    throw new ConfigurationError(
      'signoff.first_night.window: missing (expected the observation window, e.g. 24h)',
    );
  if (fn.slo_burn_rate_max === undefined)
    throw new ConfigurationError(
      'signoff.first_night.slo_burn_rate_max: missing (expected the highest acceptable burn rate, e.g. 1.5)',
    );
  const base = { windowS: fn.window, max: fn.slo_burn_rate_max, environment: fn.environment };
  const context = { track: trackLabelValue(plan, 'canary'), service: plan.release.service, version };
  if (!fn.slo_burn_rate_query)
    throw new ConfigurationError(
      "signoff.first_night.slo_burn_rate_query: not set (expected the burn-rate query in the metric source's language)",
    );
  return {
    ...base,
    query: renderTemplate(fn.slo_burn_rate_query, context, 'signoff.first_night.slo_burn_rate_query'),
    origin: 'signoff.first_night.slo_burn_rate_query',
  };
}

/**
 * Why the first night cannot be judged yet, or null when it can. The burn rate is measured over the window that
 * ends now, so before `window` has passed since the GA record it would count traffic from before the release (a
 * quiet old version passing for the new one). GitHub's wait timer on the environment usually holds the job that
 * long, but a plan or a re-run without it must not pass on the wrong traffic.
 */
export function firstNightTooEarly(gaAt: Date, windowS: number, now: Date): string | null {
  const due = gaAt.getTime() + windowS * 1000;
  if (now.getTime() >= due) return null;
  const elapsedS = Math.max(0, Math.floor((now.getTime() - gaAt.getTime()) / 1000));
  return `its ${formatDuration(windowS)} window has not elapsed since the GA record of ${gaAt.toISOString()} (${formatDuration(elapsedS)} so far); the SLO burn rate is judged from ${new Date(due).toISOString()} on, so that it measures only traffic after the release (give the first-night environment a wait timer of at least the window, or run the job again then)`;
}

/** When the release's GA record was written; a release that was not promoted has no first night. */
async function readGaTime(
  plan: ReleasePlan,
  version: string,
  deploymentId: string,
  target: EvidenceTarget,
): Promise<Date> {
  const where = { branch: plan.evidence.branch, version, dir: evidenceDir(plan, version) };
  const evidence = await readRemoteEvidence({
    plan,
    version,
    remote: target.remote,
    branch: where.branch,
    dir: where.dir,
    deploymentId,
    ...(target.token ? { token: target.token } : {}),
    ...(target.cwd ? { cwd: target.cwd } : {}),
    ...(target.git ? { git: target.git } : {}),
  });
  if (!evidence) throw noEvidenceBranch(where);
  const ga = evidence.decisions.find((d) => d.phase === SEALING_PHASE);
  if (!ga)
    throw new ConfigurationError(
      `first-night: the decision log of ${deploymentId} has no ga record, so ${version} was not promoted; the first night follows a promotion`,
    );
  return new Date(ga.recorded_at);
}

export interface FirstNightRequest {
  plan: ReleasePlan;
  version: string;
  deploymentId: string;
  dryRun: boolean;
  runUrl?: string;
  signoff: EnvironmentSignoff | null;
  signoffNote: string;
}

export interface FirstNightOutcome {
  decision: 'PASS' | 'FAIL';
  reason: string;
  query: BurnRateQuery;
  measurement: Measurement;
  decisionLog: string;
  evidence: EvidencePushOutcome;
  passed: boolean;
}

export async function evaluateFirstNight(
  request: FirstNightRequest,
  deps: {
    source: MetricSource;
    evidence: EvidenceTarget;
    clock: Pick<Clock, 'now'>;
    log: (line: string) => void;
  },
): Promise<FirstNightOutcome> {
  const { plan, version } = request;
  const query = burnRateQuery(plan, version);
  const now = deps.clock.now();
  const gaAt = await readGaTime(plan, version, request.deploymentId, deps.evidence);
  const early = firstNightTooEarly(gaAt, query.windowS, now);
  if (early) throw new ConfigurationError(`first night of ${version}: ${early}`);
  const measurement = await deps.source.instant(
    { metric: 'slo_burn_rate', track: 'canary', query: query.query },
    now,
  );
  const windowText = formatDuration(query.windowS);
  const passed = measurement.ok && measurement.value <= query.max;
  const reason = measurement.ok
    ? `SLO burn rate over ${windowText} = ${Number(measurement.value.toPrecision(4))} ${passed ? '<=' : '>'} max ${query.max}`
    : `SLO burn rate over ${windowText} could not be measured (${measurement.reason}: ${measurement.message}); an unmeasured night is not a pass`;
  const decision = passed ? 'PASS' : 'FAIL';
  deps.log(`first night: ${decision}: ${reason}`);

  const releaseLog = decisionLogPath(plan, version, request.deploymentId);
  const ownLog = decisionLogPath(plan, version, firstNightDeploymentId(request.deploymentId));
  let gaSha256: string | null = null;
  // Read-only: returns the release log unchanged, so nothing is committed to it; it anchors this record.
  const anchor: EvidenceChange = {
    path: releaseLog,
    update: (current) => {
      const ga = readDecisionLog(current, releaseLog).find((r) => r.phase === SEALING_PHASE);
      if (!ga)
        throw new ConfigurationError(
          `first-night: ${releaseLog} has no ga record, so ${version} was not promoted; the first night follows a promotion`,
        );
      gaSha256 = ga.sha256;
      return current!;
    },
  };
  const record: EvidenceChange = {
    path: ownLog,
    kind: 'decision-log',
    update: (current) =>
      appendDecision(
        current,
        {
          version,
          deployment_id: firstNightDeploymentId(request.deploymentId),
          phase: 'first-night',
          decision,
          reason,
          approver: request.signoff?.approver ?? null,
          approval_comment: request.signoff?.approval_comment ?? null,
          start_timestamp: new Date(now.getTime() - query.windowS * 1000).toISOString(),
          traffic_share: 100,
          metrics_snapshot: {
            slo_burn_rate: {
              value: measurement.ok ? Number(measurement.value.toPrecision(6)) : null,
              threshold: `<= ${query.max}`,
              status: decision,
              query: query.query,
            },
          },
          notes: [
            `follows the ga record ${gaSha256} of ${releaseLog}`,
            `query ${query.origin}`,
            request.signoffNote,
          ]
            .filter(Boolean)
            .join('; '),
          run_url: request.runUrl ?? null,
          evidence_files: [],
        },
        deps.clock,
        ownLog,
      ),
  };
  const evidence = await pushStageEvidence(
    plan,
    deps.evidence,
    [anchor, record],
    {
      version,
      step: 'first night',
      summary: `${decision}: ${reason}`,
      ...(request.runUrl ? { runUrl: request.runUrl } : {}),
    },
    { dryRun: request.dryRun, clock: deps.clock, log: deps.log },
  );
  return { decision, reason, query, measurement, decisionLog: ownLog, evidence, passed };
}
