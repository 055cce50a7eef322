/**
 * Checks that span keys (a stage naming a guardrail that does not exist, traffic going down between stages, ...).
 * They run on the raw parsed YAML, not on zod's output, so that a plan with a type error in one place still gets
 * every cross-reference problem reported in the same run. Every access is therefore defensive.
 */
import { IANAZone } from 'luxon';
import { parseDuration, formatDuration } from './duration.js';
import { placeholdersIn, unknownPlaceholders, PLACEHOLDERS } from './template.js';
import {
  DATADOG_RATE_LIMIT_WAIT_DEFAULT_S,
  METRIC_SOURCE_KINDS,
  PREFLIGHT_KINDS,
  TRAFFIC_KINDS,
} from './schema.js';
import { chosenKind } from './kinds.js';
import { tagNameProblem } from './ref-name.js';

export interface RawProblem {
  path: (string | number)[];
  message: string;
  /** Point at the key itself rather than its value (unknown keys). */
  atKey?: boolean;
}

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const seconds = (v: unknown): number | undefined => (typeof v === 'string' ? parseDuration(v) : undefined);

export function crossCheck(raw: unknown): RawProblem[] {
  const problems: RawProblem[] = [];
  if (!isObj(raw)) return problems;
  checkPlaceholders(raw, [], problems);
  checkZones(raw, problems);
  checkTagTemplate(raw, problems);

  if (isObj(raw.metrics)) {
    const source = chosenKind(raw.metrics, METRIC_SOURCE_KINDS, 'source');
    if (!source.ok) problems.push({ path: ['metrics'], message: source.problem });
  }
  const queries = isObj(raw.metrics) && isObj(raw.metrics.queries) ? raw.metrics.queries : {};
  const guardrails = isObj(raw.guardrails) ? raw.guardrails : {};

  for (const [name, g] of Object.entries(guardrails)) {
    if (!isObj(g)) continue;
    // Own keys only: `metric: constructor` must not find Object.prototype.constructor.
    if (typeof g.metric === 'string' && !Object.hasOwn(queries, g.metric)) {
      problems.push({
        path: ['guardrails', name, 'metric'],
        message: `"${g.metric}" is not a metric (one of metrics.queries: ${Object.keys(queries).join(', ') || 'none defined'})`,
      });
    }
    for (const level of ['pass', 'soft', 'hard'] as const) {
      const t = g[level];
      if (!isObj(t)) continue;
      const relative = ['increase', 'decrease', 'delta'].filter((k) => t[k] !== undefined);
      if (relative.length && g.against !== 'baseline') {
        problems.push({
          path: ['guardrails', name, level, relative[0]!],
          message: `${relative[0]} compares against the baseline (add \`against: baseline\` to the guardrail, or use above/below)`,
        });
      }
    }
    if (!['pass', 'soft', 'hard'].some((l) => g[l] !== undefined)) {
      problems.push({
        path: ['guardrails', name],
        message: 'has no threshold (at least one of pass, soft, hard)',
      });
    }
    if (
      g.test === 'counts' &&
      typeof g.metric === 'string' &&
      isObj(queries[g.metric]) &&
      !isObj((queries[g.metric] as Raw).counts)
    ) {
      problems.push({
        path: ['guardrails', name, 'test'],
        message: `the counts test needs the counters behind the ratio (metrics.queries.${g.metric}.counts: { events, total })`,
      });
    }
    if (g.min_detectable !== undefined && (g.against !== 'baseline' || g.test === 'none')) {
      problems.push({
        path: ['guardrails', name, 'min_detectable'],
        message:
          g.against !== 'baseline'
            ? 'applies to baseline comparisons (add `against: baseline`, or remove min_detectable)'
            : 'needs the statistical judge (remove `test: none`, or remove min_detectable)',
      });
    } else if (
      g.min_detectable !== undefined &&
      !['soft', 'hard'].some(
        (l) => isObj(g[l]) && ((g[l] as Raw).increase ?? (g[l] as Raw).decrease) !== undefined,
      )
    ) {
      problems.push({
        path: ['guardrails', name, 'min_detectable'],
        message: 'is a percentage of the baseline: it needs a soft or hard level with increase or decrease',
      });
    }
    // Soft must be reached before hard; a soft above the hard threshold could never fire.
    if (isObj(g.soft) && isObj(g.hard)) {
      const s = g.soft as Raw;
      const h = g.hard as Raw;
      if (typeof s.above === 'number' && typeof h.above === 'number' && s.above > h.above) {
        problems.push({
          path: ['guardrails', name, 'soft', 'above'],
          message: `${s.above} is above hard.above ${h.above} (soft is reached before hard)`,
        });
      }
      if (typeof s.below === 'number' && typeof h.below === 'number' && s.below < h.below) {
        problems.push({
          path: ['guardrails', name, 'soft', 'below'],
          message: `${s.below} is below hard.below ${h.below} (soft is reached before hard)`,
        });
      }
    }
  }

  const stages = Array.isArray(raw.stages) ? raw.stages : [];
  const seen = new Map<string, number>();
  let previousTraffic: { index: number; value: unknown } | undefined;
  stages.forEach((stage, i) => {
    if (!isObj(stage)) return;
    checkUniqueName(stage.name, { list: 'stages', index: i, seen, what: 'stage' }, problems);
    const duration = seconds(stage.duration);
    const interval = seconds(stage.interval);
    if (duration !== undefined && interval !== undefined && interval > duration) {
      problems.push({
        path: ['stages', i, 'interval'],
        message: `${stage.interval} is longer than the stage duration ${stage.duration} (an interval <= duration)`,
      });
    }
    if (interval !== undefined && interval <= 0) {
      problems.push({ path: ['stages', i, 'interval'], message: 'is zero (a positive duration)' });
    }
    if (Array.isArray(stage.guardrails)) {
      stage.guardrails.forEach((ref, j) => {
        if (typeof ref !== 'string') return;
        const g = Object.hasOwn(guardrails, ref) ? guardrails[ref] : undefined;
        if (!isObj(g)) {
          problems.push({
            path: ['stages', i, 'guardrails', j],
            message: `"${ref}" is not a guardrail (one of: ${Object.keys(guardrails).join(', ') || 'none defined'})`,
          });
          return;
        }
        for (const level of ['pass', 'soft', 'hard'] as const) {
          const t = g[level];
          const forS = isObj(t) ? seconds(t.for) : undefined;
          if (forS !== undefined && duration !== undefined && forS > duration) {
            problems.push({
              path: ['guardrails', ref, level, 'for'],
              message: `${(t as Raw).for} is longer than stage ${String(stage.name ?? i)}'s duration ${formatDuration(duration)} (for <= duration of every stage using it)`,
            });
          }
        }
      });
    }
    // A stage without guardrails measures nothing and would PROCEED on no evidence; that must be deliberate.
    const guarded = Array.isArray(stage.guardrails) && stage.guardrails.length > 0;
    if (
      !guarded &&
      stage.unguarded !== true &&
      (stage.guardrails === undefined || Array.isArray(stage.guardrails))
    ) {
      problems.push({
        path: stage.guardrails === undefined ? ['stages', i] : ['stages', i, 'guardrails'],
        message: `stage ${typeof stage.name === 'string' ? stage.name : i} has no guardrails, so nothing is measured before it proceeds (name at least one guardrail, or set unguarded: true on the stage to run it unmeasured on purpose)`,
      });
    }
    if (stage.unguarded === true && guarded) {
      problems.push({
        path: ['stages', i, 'unguarded'],
        message: 'is true but the stage names guardrails (remove unguarded, or the guardrails)',
      });
    }
    if (stage.traffic !== undefined) {
      if (previousTraffic) {
        for (const msg of trafficDecreases(previousTraffic.value, stage.traffic)) {
          problems.push({
            path: ['stages', i, 'traffic'],
            message: `${msg} than stages[${previousTraffic.index}] (traffic never decreases from stage to stage)`,
          });
        }
      }
      previousTraffic = { index: i, value: stage.traffic };
    }
  });

  checkRateLimitWait(raw, stages, problems);

  const preflight = Array.isArray(raw.preflight) ? raw.preflight : [];
  const checkNames = new Map<string, number>();
  preflight.forEach((check, i) => {
    if (!isObj(check)) return;
    const kind = chosenKind(check, PREFLIGHT_KINDS, 'kind per check');
    if (!kind.ok) problems.push({ path: ['preflight', i], message: kind.problem });
    if (check.expect_json !== undefined && check.run === undefined) {
      problems.push({
        path: ['preflight', i, 'expect_json'],
        message: 'applies to the output of `run` (add run:)',
      });
    }
    if (check.calendar !== undefined && !isObj(raw.calendar)) {
      problems.push({ path: ['preflight', i, 'calendar'], message: 'needs a top-level calendar: section' });
    }
    for (const key of ['query', 'promql'] as const) {
      if (check[key] !== undefined && !isObj(raw.metrics)) {
        problems.push({ path: ['preflight', i, key], message: 'needs a metric source (metrics:) to query' });
      }
    }
    checkUniqueName(check.name, { list: 'preflight', index: i, seen: checkNames, what: 'check' }, problems);
  });

  if (isObj(raw.traffic)) {
    const provider = chosenKind(raw.traffic, TRAFFIC_KINDS, 'provider');
    if (!provider.ok) problems.push({ path: ['traffic'], message: provider.problem });
  }

  if (isObj(raw.signoff)) {
    for (const [name, signoff] of Object.entries(raw.signoff)) {
      if (!isObj(signoff)) continue;
      // The burn rate is stated, never guessed from a guardrail: what the first night measures is in the plan.
      if (signoff.slo_burn_rate_max !== undefined && signoff.slo_burn_rate_query === undefined) {
        problems.push({
          path: ['signoff', name],
          message: `has slo_burn_rate_max but no slo_burn_rate_query (expected the burn-rate query in the metric source's language, e.g. for Prometheus the window's error rate over the error budget: '(100 * sum(rate(http_requests_total{track="{{track}}",status=~"5.."}[24h])) / sum(rate(http_requests_total{track="{{track}}"}[24h]))) / 1')`,
        });
      }
      if (typeof signoff.slo_burn_rate_query !== 'string') continue;
      const unavailable = placeholdersIn(signoff.slo_burn_rate_query).filter(
        (p) => !BURN_RATE_PLACEHOLDERS.includes(p) && (PLACEHOLDERS as readonly string[]).includes(p),
      );
      if (unavailable.length) {
        problems.push({
          path: ['signoff', name, 'slo_burn_rate_query'],
          message: `${unavailable.map((u) => `{{${u}}}`).join(', ')} has no value when the first night is measured (only ${BURN_RATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`,
        });
      }
    }
  }

  if (isObj(raw.calendar) && isObj(raw.calendar.market_hours)) {
    const mh = raw.calendar.market_hours;
    if (
      typeof mh.open === 'string' &&
      typeof mh.close === 'string' &&
      mh.open >= mh.close &&
      /^\d\d:\d\d$/.test(mh.open)
    ) {
      problems.push({
        path: ['calendar', 'market_hours', 'close'],
        message: `${mh.close} is not after open ${mh.open} (close later than open)`,
      });
    }
  }
  if (isObj(raw.calendar) && Array.isArray(raw.calendar.blackout)) {
    raw.calendar.blackout.forEach((d, i) => {
      if (typeof d !== 'string') return;
      for (const part of d.split('..')) {
        if (/^\d{4}-\d{2}-\d{2}$/.test(part) && Number.isNaN(Date.parse(`${part}T00:00:00Z`))) {
          problems.push({
            path: ['calendar', 'blackout', i],
            message: `${part} is not a calendar date (a date YYYY-MM-DD)`,
          });
        } else if (
          /^\d{4}-\d{2}-\d{2}$/.test(part) &&
          new Date(`${part}T00:00:00Z`).toISOString().slice(0, 10) !== part
        ) {
          problems.push({
            path: ['calendar', 'blackout', i],
            message: `${part} is not a calendar date (a date YYYY-MM-DD)`,
          });
        }
      }
    });
  }
  return problems;
}

/**
 * Datadog's rate_limit_wait (set, or its default) must be shorter than every stage's interval: a gate evaluation
 * that waits out a rate limit as long as the interval would run into the next one, and the stage's clock with it.
 */
function checkRateLimitWait(raw: Raw, stages: unknown[], problems: RawProblem[]): void {
  const datadog = isObj(raw.metrics) && isObj(raw.metrics.datadog) ? raw.metrics.datadog : undefined;
  if (!datadog) return;
  const set = datadog.rate_limit_wait !== undefined;
  const wait = set ? seconds(datadog.rate_limit_wait) : DATADOG_RATE_LIMIT_WAIT_DEFAULT_S;
  if (wait === undefined) return;
  const shortest = stages
    .map((stage, i) => ({ stage, i, interval: isObj(stage) ? seconds(stage.interval) : undefined }))
    .filter((s): s is { stage: Raw; i: number; interval: number } => s.interval !== undefined)
    .sort((a, b) => a.interval - b.interval)[0];
  if (!shortest || wait < shortest.interval) return;
  const name = typeof shortest.stage.name === 'string' ? shortest.stage.name : shortest.i;
  problems.push({
    path: set ? ['metrics', 'datadog', 'rate_limit_wait'] : ['metrics', 'datadog'],
    message: `${set ? formatDuration(wait) : `the default rate_limit_wait ${formatDuration(wait)}`} is not shorter than stage ${name}'s interval ${formatDuration(shortest.interval)} (expected a rate_limit_wait shorter than every stage's interval, so that waiting out a rate limit never runs into the next evaluation)`,
  });
}

/** A list item's name, remembered in `seen`; one an earlier item of the list already took is a problem. */
function checkUniqueName(
  name: unknown,
  item: { list: string; index: number; seen: Map<string, number>; what: string },
  out: RawProblem[],
): void {
  if (typeof name !== 'string') return;
  const first = item.seen.get(name);
  if (first === undefined) {
    item.seen.set(name, item.index);
    return;
  }
  out.push({
    path: [item.list, item.index, 'name'],
    message: `"${name}" is used by ${item.list}[${first}] too (unique ${item.what} names)`,
  });
}

function trafficDecreases(prev: unknown, next: unknown): string[] {
  const flows = (v: unknown): Record<string, number> | number | undefined =>
    typeof v === 'number'
      ? v
      : isObj(v)
        ? (Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'number')) as Record<
            string,
            number
          >)
        : undefined;
  const p = flows(prev);
  const n = flows(next);
  if (p === undefined || n === undefined) return [];
  if (typeof p === 'number' && typeof n === 'number') return n < p ? [`${n}% is less`] : [];
  if (typeof p === 'object' && typeof n === 'object') {
    return Object.entries(n)
      .filter(([flow, v]) => p[flow] !== undefined && v < p[flow]!)
      .map(([flow, v]) => `${flow} ${v}% is less`);
  }
  // A whole-stage weight next to per-flow shares: compare each flow against the whole weight.
  if (typeof p === 'number' && typeof n === 'object') {
    return Object.entries(n)
      .filter(([, v]) => v < p)
      .map(([flow, v]) => `${flow} ${v}% is less`);
  }
  if (typeof p === 'object' && typeof n === 'number') {
    return Object.entries(p)
      .filter(([, v]) => n < v)
      .map(([flow]) => `${n}% is less than ${flow}'s share`);
  }
  return [];
}

function checkPlaceholders(node: unknown, path: (string | number)[], out: RawProblem[]): void {
  if (typeof node === 'string') {
    const unknown = unknownPlaceholders(node);
    if (unknown.length) {
      out.push({
        path,
        message: `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')} (one of ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')})`,
      });
    }
  } else if (Array.isArray(node)) {
    node.forEach((v, i) => checkPlaceholders(v, [...path, i], out));
  } else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      // A notification template is rendered with the event's fields (notify/message.ts), not the run's context.
      if (path[0] === 'notify' && k === 'template') continue;
      checkPlaceholders(v, [...path, k], out);
    }
  }
}

function checkZones(raw: Raw, out: RawProblem[]): void {
  const zones: Array<[(string | number)[], unknown]> = [
    [['release', 'timezone'], isObj(raw.release) ? raw.release.timezone : undefined],
    [['calendar', 'timezone'], isObj(raw.calendar) ? raw.calendar.timezone : undefined],
  ];
  for (const [path, zone] of zones) {
    if (typeof zone === 'string' && !IANAZone.isValidZone(zone)) {
      out.push({
        path,
        message: `"${zone}" is not a known IANA time zone (e.g. Europe/Istanbul, America/New_York; never silently UTC)`,
      });
    }
  }
}

/** Placeholders that have a value when the first night's burn rate is measured (see stage-gate/first-night.ts). */
const BURN_RATE_PLACEHOLDERS = ['track', 'service', 'version'];

/** Placeholders that have a value when the release is tagged (see renderTag). */
const TAG_PLACEHOLDERS = ['version', 'service'];

/**
 * The tag template must make a valid git tag of an ordinary version: tried with 1.0.0 here, so a template such as
 * `release {{version}}` (a space) or one naming `{{stage}}` (no value at tag time) fails validation, not the tag
 * step after GA. Whether a particular version fits is checkVersionForPlan's part.
 */
function checkTagTemplate(raw: Raw, out: RawProblem[]): void {
  const template = isObj(raw.release) ? raw.release.tag : undefined;
  if (typeof template !== 'string' || template === '') return;
  const service =
    isObj(raw.release) && typeof raw.release.service === 'string' ? raw.release.service : 'service';
  const untagged = [...template.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !TAG_PLACEHOLDERS.includes(name) && (PLACEHOLDERS as readonly string[]).includes(name));
  if (untagged.length) {
    out.push({
      path: ['release', 'tag'],
      message: `${untagged.map((u) => `{{${u}}}`).join(', ')} has no value when the release is tagged (only {{version}} and {{service}})`,
    });
    return;
  }
  const sample = template
    .replace(/\{\{\s*version\s*\}\}/g, '1.0.0')
    .replace(/\{\{\s*service\s*\}\}/g, service);
  if (/\{\{/.test(sample)) return; // an unknown placeholder, reported by checkPlaceholders
  const problem = tagNameProblem(sample);
  if (problem) {
    out.push({
      path: ['release', 'tag'],
      message: `${JSON.stringify(template)} renders version 1.0.0 to ${JSON.stringify(sample)}, which is not a valid git tag (it ${problem})`,
    });
  }
}
