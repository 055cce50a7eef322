/**
 * The release-plan language (`.github/canary.yml`). These zod schemas are the single source of truth: the
 * TypeScript types are inferred from them, the validation messages come from them, and `canary-conductor schema`
 * prints the JSON Schema generated from them.
 *
 * Messages given to the schema builders below are the "what was expected" half of a problem; the formatter in
 * validate.ts adds the "what is wrong" half and the YAML path and position.
 *
 * Objects are strict: an unknown key is an error with a "did you mean" hint, because a misspelt `gaurdrails` that
 * is silently ignored is a gate that silently does not run.
 */
import { z } from 'zod';
import Mustache from 'mustache';
import {
  DURATION_EXPECTED,
  DURATION_PATTERN,
  parseDuration,
  PERCENT_PATTERN,
  parsePercent,
} from './duration.js';

// ---------------------------------------------------------------------------------------------------------------
// Scalars

/** A duration, parsed to seconds. */
export const Duration = z
  .string({ error: DURATION_EXPECTED })
  .regex(DURATION_PATTERN, { error: DURATION_EXPECTED })
  .transform((s) => parseDuration(s)!)
  .meta({ description: 'A duration: 30s, 15m, 2h, 1d (500ms for sub-second).' });

/** A percentage written `25%` or `25`, parsed to a number of percent. */
export const Percent = z
  .union([z.number(), z.string().regex(PERCENT_PATTERN)], { error: 'a percentage such as 25% or 25' })
  .transform((v) => parsePercent(v)!)
  .meta({ description: 'A percentage: 25% or 25.' });

export const TrafficWeight = z
  .number({ error: 'a percentage 0..100' })
  .min(0, { error: 'a percentage 0..100' })
  .max(100, { error: 'a percentage 0..100' });

/** A whole-stage weight, or per-flow shares (`{ market_making: 1, agency: 0.5 }`). */
export const Traffic = z
  .union([TrafficWeight, z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), TrafficWeight)], {
    error: 'a percentage 0..100, or per-flow shares such as { market_making: 1, agency: 0.5 }',
  })
  .meta({ description: 'Traffic share in percent, or a map of flow name to percent.' });

export const LocalTime = z
  .string({ error: 'a local time HH:MM' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'a local time HH:MM between 00:00 and 23:59' });

const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], { error: 'a weekday: mon..sun' });

/** A date `YYYY-MM-DD` or an inclusive range `YYYY-MM-DD..YYYY-MM-DD`, local to the calendar's zone. */
export const DateOrRange = z
  .string({ error: 'a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/, {
    error: 'a date YYYY-MM-DD or a range YYYY-MM-DD..YYYY-MM-DD',
  });

const NonEmpty = z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' });
const Url = z
  .string({ error: 'a URL' })
  .regex(/^https?:\/\/[^\s]+$/, { error: 'an http:// or https:// URL' });
const EnvName = z
  .string({ error: 'the name of an environment variable' })
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'the name of an environment variable, e.g. PROM_TOKEN' });
const Command = z.union([NonEmpty, z.array(NonEmpty).min(1)], {
  error: 'a shell command string, or an argv list such as ["promtool", "check", "rules", "x.yml"]',
});
/**
 * `env:` on a plan command: the variables it gets besides the minimal environment and the `CANARY_*` context.
 * A list passes the named variables through from the job; a mapping sets NAME: value.
 */
export const CommandEnv = z
  .union([z.array(EnvName), z.record(EnvName, z.string())], {
    error: 'a list of environment variable names, e.g. [KUBECONFIG], or a mapping NAME: value',
  })
  .meta({
    description:
      'Variables the command gets besides PATH, HOME, LANG, TZ, CI, non-secret GITHUB_* and the CANARY_* context: names passed through from the job, or NAME: value.',
  });
const Identifier = z
  .string({ error: 'a name' })
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, { error: 'a name of letters, digits, _ . - starting with a letter' });

/**
 * GitHub accepts environment names of up to 255 characters; it stores them case-insensitively. We also refuse
 * characters that break URLs or the Actions expression syntax so that a plan never names an environment the
 * workflow cannot refer to.
 */
export const EnvironmentName = z
  .string({ error: 'a GitHub environment name' })
  .max(255, { error: 'a GitHub environment name of at most 255 characters' })
  .regex(/^[A-Za-z0-9_.-](?:[A-Za-z0-9 _.-]*[A-Za-z0-9_.-])?$/, {
    error: 'a GitHub environment name: letters, digits, space, _ . - (no leading or trailing space)',
  });

/** Free text for people reading the plan, which any section may carry. */
const FreeText = z.string().optional().meta({ description: 'Free text for people reading the plan.' });

/** How long one request to a metric source may take. */
const RequestTimeout = Duration.optional().meta({ description: 'Per-request timeout (default 10s).' });

/** An optional whole number of at least `min` (and at most `max`, when given). */
function optionalInt(description: string, min: number, max?: number) {
  const atLeast = z.number().int().min(min);
  return (max === undefined ? atLeast : atLeast.max(max)).optional().meta({ description });
}

/** Optional HTTP headers, name: value. */
function optionalHeaders(description: string) {
  return z.record(z.string(), z.string()).optional().meta({ description });
}

/** Each schema of a `{ kind: schema }` map made optional: the shape of a section that holds one kind per key. */
function optionalEach<T extends Record<string, z.ZodType>>(
  shape: T,
): { [K in keyof T]: z.ZodOptional<T[K]> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Metrics

export const QueryDefinition = z
  .strictObject({
    query: NonEmpty.meta({
      description:
        "The query in the metric source's language (PromQL for prometheus, a URL path or parameters for web); {{track}} is rendered to the canary's and the baseline's track value.",
    }),
    unit: z.string().optional().meta({ description: 'Unit for display (ms, %, ratio).' }),
    label: z
      .string()
      .optional()
      .meta({ description: 'Short name in war-room lines, e.g. p95 (default derived from the key).' }),
    description: FreeText,
    counts: z
      .strictObject({
        events: NonEmpty.meta({
          description: 'A query counting the bad events over the window (e.g. failures).',
        }),
        total: NonEmpty.meta({ description: 'A query counting all events over the window.' }),
      })
      .optional()
      .meta({
        description:
          'For ratios built from counters: the counts behind the ratio, so a baseline comparison is judged on the observed events and the traffic behind them.',
      }),
  })
  .meta({ description: 'A named metric query.' });

export const PrometheusConfig = z.strictObject({
  url: Url.meta({
    description: 'Prometheus base URL; overridable by the `prometheus-url` input or CANARY_PROMETHEUS_URL.',
  }),
  bearer_token_env: EnvName.optional().meta({
    description: 'Env variable holding a bearer token; never logged.',
  }),
  headers: optionalHeaders('Extra HTTP headers sent with every Prometheus request, name: value.'),
  timeout: RequestTimeout,
  retries: optionalInt('Retries on 5xx/connection errors (default 2).', 0, 10),
});

export const InfluxDbConfig = z
  .strictObject({
    url: Url.meta({ description: 'InfluxDB base URL (the 1.x HTTP API, e.g. http://influx:8086).' }),
    database: NonEmpty.meta({ description: 'The database every query reads (the `db` parameter).' }),
    retention_policy: NonEmpty.optional().meta({
      description: 'Retention policy to read (the `rp` parameter); default: the database default.',
    }),
    token_env: EnvName.optional().meta({
      description:
        'Env variable holding a token sent as `Authorization: Token` (InfluxDB 1.8+ `user:password`, or a 2.x token); never logged.',
    }),
    username_env: EnvName.optional().meta({
      description: 'Env variable holding the user name for Basic auth (with password_env).',
    }),
    password_env: EnvName.optional().meta({
      description: 'Env variable holding the password for Basic auth (with username_env); never logged.',
    }),
    timeout: RequestTimeout,
    retries: optionalInt('Retries on 5xx/connection errors (default 2).', 0, 10),
  })
  .meta({
    description:
      'An InfluxDB 1.x server queried with InfluxQL; queries read the evaluation time as $now and the track as {{track}}.',
  });

/** `metrics.datadog.rate_limit_wait` when the plan sets none; like a set one, it must be shorter than every interval. */
export const DATADOG_RATE_LIMIT_WAIT_DEFAULT_S = 10;

export const DatadogConfig = z
  .strictObject({
    site: z
      .string({ error: 'a Datadog site such as datadoghq.com or datadoghq.eu' })
      .regex(/^[a-z0-9]+(\.[a-z0-9-]+)+$/, { error: 'a Datadog site such as datadoghq.com or datadoghq.eu' })
      .default('datadoghq.com')
      .meta({
        description:
          'Datadog site: datadoghq.com (default), us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com, ddog-gov.com. Queries go to https://api.<site>.',
      }),
    url: Url.optional().meta({
      description: 'API base URL used instead of https://api.<site> (a proxy in front of Datadog).',
    }),
    api_key_env: EnvName.meta({ description: 'Env variable holding the Datadog API key; never logged.' }),
    app_key_env: EnvName.meta({
      description: 'Env variable holding the Datadog application key (metrics read scope); never logged.',
    }),
    lookback: Duration.optional().meta({
      description:
        'How far back from the evaluation time a query reads; its newest point is the value (default 5m).',
    }),
    timeout: RequestTimeout,
    retries: optionalInt('Retries on 5xx/connection errors (default 2).', 0, 10),
    rate_limit_wait: Duration.optional().meta({
      description:
        'Longest wait for a rate limit to reset before asking again (default 10s); shorter than every stage interval. Longer resets make the point unmeasurable.',
    }),
  })
  .meta({
    description:
      'Datadog, queried through its metrics query API; queries use {{track}} in the scope, e.g. avg:latency.p95{track:{{track}}}.',
  });
export const WebConfig = z.strictObject({
  url: Url.meta({
    description:
      'Base URL of the JSON endpoint; each query is a URL relative to it (or absolute on its origin). Overridable by --metrics-url or CANARY_METRICS_URL.',
  }),
  select: z
    .string({ error: 'a selector such as $.data.value' })
    .regex(/^\$/, { error: 'a selector starting with $, such as $.data.value' })
    .optional()
    .meta({
      description:
        "Where the value is in the answer, for queries that name no selector: $, .name, ['name'], [index] (negative from the end), e.g. $.series[0].points[-1][1] (default $.value).",
    }),
  headers: optionalHeaders('Extra HTTP headers sent with every request, name: value.'),
  token_env: EnvName.optional().meta({
    description: 'Env variable holding a bearer token; sent to the endpoint’s origin only, never logged.',
  }),
  timeout: RequestTimeout,
});

/**
 * Every metric source the plan language knows, by its key under `metrics:`. A plan sets exactly one. Adding a
 * source: its settings here, its factory in src/metrics/registry.ts (the compiler then asks for it there); see
 * docs/extending.md.
 */
export const METRIC_SOURCE_CONFIGS = {
  prometheus: PrometheusConfig.meta({
    description: 'Prometheus (or an API that speaks its HTTP API): every query is PromQL.',
  }),
  influxdb: InfluxDbConfig,
  datadog: DatadogConfig,
  web: WebConfig.meta({
    description:
      'Any HTTP(S) JSON endpoint: every query is a URL template ({{track}}, {{time}}) and an optional selector, e.g. /api/p95?track={{track}}&at={{time}} $.data.value.',
  }),
};
export type MetricSourceKind = keyof typeof METRIC_SOURCE_CONFIGS;
export const METRIC_SOURCE_KINDS = Object.keys(METRIC_SOURCE_CONFIGS) as MetricSourceKind[];

export const MetricsConfig = z.strictObject({
  ...optionalEach(METRIC_SOURCE_CONFIGS),
  tracks: z
    .strictObject({
      label: Identifier.meta({
        description: 'The label (or tag) that tells the canary from the baseline in the metric source.',
      }),
      canary: NonEmpty.meta({ description: "The label's value on the canary's series." }),
      baseline: NonEmpty.meta({ description: "The label's value on the baseline (stable) series." }),
    })
    .default({ label: 'track', canary: 'canary', baseline: 'stable' })
    .meta({ description: 'How {{track}} is rendered: the label name and its canary and baseline values.' }),
  queries: z.record(Identifier, QueryDefinition).meta({
    description:
      'Named queries, by the metric key guardrails refer to; the metric source interprets their text.',
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Guardrails

/**
 * One level of a guardrail. For `pass` the condition says what success is (`below: 200` = pass when under 200);
 * for `soft` and `hard` it says what a breach is (`above: 400` = breach when over 400).
 * `increase`/`decrease` (percent) and `delta` (metric unit, two-sided) compare against the baseline track.
 */
export const ThresholdLevel = z
  .strictObject({
    above: z.number({ error: 'a number' }).optional().meta({
      description: 'A value over this, in the metric unit: met for pass, a breach for soft and hard.',
    }),
    below: z.number({ error: 'a number' }).optional().meta({
      description: 'A value under this, in the metric unit: met for pass, a breach for soft and hard.',
    }),
    increase: Percent.optional().meta({
      description:
        'Canary above baseline by more than this percent (strict: exactly this much is not a breach).',
    }),
    decrease: Percent.optional().meta({
      description:
        'Canary below baseline by more than this percent (strict: exactly this much is not a breach).',
    }),
    delta: z
      .number({ error: 'a number in the metric unit' })
      .min(0, { error: 'a non-negative number (delta is two-sided: |canary - baseline|)' })
      .optional()
      .meta({ description: 'Two-sided absolute difference |canary - baseline| in the metric unit.' }),
    for: Duration.optional().meta({ description: 'The condition must hold this long (default 0).' }),
  })
  .refine(
    (t) =>
      t.above !== undefined ||
      t.below !== undefined ||
      t.increase !== undefined ||
      t.decrease !== undefined ||
      t.delta !== undefined,
    { error: 'at least one of above, below, increase, decrease, delta' },
  );

export const SoftAction = z.enum(['hold', 'review', 'rollback'], { error: 'one of hold, review, rollback' });
export const NoDataAction = z.enum(['hold', 'review', 'rollback'], {
  error: 'one of hold, review, rollback',
});
export const StatTest = z.enum(['auto', 'mann-whitney', 'counts', 'none'], {
  error: 'one of auto, mann-whitney, counts, none',
});

export const Guardrail = z.strictObject({
  metric: Identifier.meta({ description: 'A key of metrics.queries.' }),
  against: z
    .enum(['baseline'], { error: 'baseline' })
    .optional()
    .meta({ description: 'Compare the canary to the baseline track.' }),
  description: FreeText,
  owner: NonEmpty.optional().meta({
    description:
      "Who owns this guardrail's follow-ups (a handle such as @sre-lead): the mini-RCA assigns the risks about it to them; without one, to the first of rca.owners.",
  }),
  pass: ThresholdLevel.optional().meta({
    description: 'What success is: the condition most samples of the window, and the latest, must meet.',
  }),
  soft: ThresholdLevel.optional().meta({
    description: 'A warning breach; sustained, it does what on_soft says (default hold).',
  }),
  hard: ThresholdLevel.optional().meta({
    description: 'A critical breach; sustained, it rolls the stage back.',
  }),
  on_soft: SoftAction.optional().meta({ description: 'Overrides the stage on_soft for this guardrail.' }),
  test: StatTest.optional().meta({
    description:
      'Statistical test for baseline comparisons (default auto: the exact counts test for ratios of counters, declared or derived from the query; a paired test for series). none: the plain point rule (2 consecutive samples beyond the line), no statistics.',
  }),
  min_detectable: Percent.optional().meta({
    description:
      'Baseline comparisons: the smallest regression (percent of the baseline) the stage must be able to detect at its confidence. A window that ends unable to is extended like a hold, then REVIEW (too little traffic to judge).',
  }),
  confidence: z
    .number({ error: 'a probability between 0.5 and 0.9999' })
    .min(0.5, { error: 'a probability between 0.5 and 0.9999' })
    .max(0.9999, { error: 'a probability between 0.5 and 0.9999' })
    .optional()
    .meta({ description: 'Confidence for the statistical test (default 0.98).' }),
  trend: z
    .boolean()
    .optional()
    .meta({ description: 'Hold when a fit projects a breach within the hold horizon (default true).' }),
});

// ---------------------------------------------------------------------------------------------------------------
// Stages

export const Stage = z.strictObject({
  name: Identifier.meta({
    description: 'The stage name, unique in the plan; used in job names and evidence.',
  }),
  traffic: Traffic,
  duration: Duration.meta({ description: 'How long the stage is observed.' }),
  interval: Duration.meta({ description: 'How often every guardrail is sampled.' }),
  environment: EnvironmentName.optional().meta({
    description: 'GitHub environment whose approval is this stage’s sign-off.',
  }),
  signoff: z.enum(['required', 'optional'], { error: 'required or optional' }).default('required').meta({
    description:
      'With an environment: required (default) refuses to move traffic unless the environment was approved in this run attempt; optional records an approval when there is one.',
  }),
  guardrails: z
    .array(Identifier)
    .default([])
    .meta({ description: 'Keys of guardrails judged during this stage.' }),
  unguarded: z.boolean({ error: 'true or false' }).optional().meta({
    description:
      'Set to true to run a stage with no guardrails on purpose (e.g. a 0% dark launch); otherwise an empty guardrails list is an error.',
  }),
  description: FreeText,
  on_soft: SoftAction.optional().meta({ description: 'What a sustained soft breach does (default hold).' }),
  hold: Duration.optional().meta({ description: 'How long a HOLD extends the stage (default 15m).' }),
  max_holds: optionalInt(
    'Holds before REVIEW (default 2). They also extend a window that ends leaning toward a baseline breach, which the judge then decides with the extra data; 0 turns that off.',
    0,
    20,
  ),
  on_no_data: NoDataAction.optional().meta({
    description: 'What an unmeasurable sample does (default hold).',
  }),
  max_no_data: optionalInt('Consecutive unmeasurable samples before ROLLBACK (default 3).', 1, 100),
  min_samples: optionalInt('Samples needed before PROCEED (default duration/interval).', 1, 10000),
});

// ---------------------------------------------------------------------------------------------------------------
// Preflight

const JsonExpectation = z.union([
  z.strictObject({ max: z.number().optional(), min: z.number().optional(), equals: z.unknown().optional() }),
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
]);

export const HttpCheck = z.strictObject({
  url: Url.meta({ description: 'The URL requested.' }),
  method: z
    .enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], { error: 'an HTTP method' })
    .optional()
    .meta({ description: 'HTTP method (default GET).' }),
  headers: optionalHeaders('Request headers, name: value.'),
  body: z.string().optional().meta({ description: 'Request body, sent as given.' }),
  expect: z
    .strictObject({
      status: z
        .union([z.number().int(), z.array(z.number().int())])
        .optional()
        .meta({ description: 'The expected HTTP status code, or a list of accepted codes.' }),
      json: z
        .record(z.string(), JsonExpectation)
        .optional()
        .meta({ description: 'Dotted JSON paths and expected values.' }),
      body_contains: z.string().optional().meta({ description: 'Text the response body must contain.' }),
    })
    .optional()
    .meta({ description: 'What the response must show: status, JSON fields, body text.' }),
  requests: optionalInt('Blast-radius probe: number of requests.', 1, 10000),
  concurrency: optionalInt('Blast-radius probe: requests in flight at once.', 1, 100),
  success_rate_min: z
    .number()
    .min(0)
    .max(100)
    .optional()
    .meta({ description: 'Percent of requests that must succeed.' }),
  p95_max_ms: z
    .number()
    .min(0)
    .optional()
    .meta({ description: 'Blast-radius probe: the highest p95 request latency allowed, in milliseconds.' }),
});

export const QueryCheck = z.strictObject({
  query: NonEmpty.meta({
    description:
      "A query in the metric source's language (PromQL for prometheus) that must return exactly one finite value now.",
  }),
  expect: z
    .strictObject({
      min: z.number().optional().meta({ description: 'The lowest value that passes (inclusive).' }),
      max: z.number().optional().meta({ description: 'The highest value that passes (inclusive).' }),
    })
    .meta({ description: 'The bounds the value must lie within.' }),
});

export const SchemaDiffCheck = z.strictObject({
  paths: z
    .array(NonEmpty)
    .min(1, { error: 'at least one glob' })
    .meta({ description: 'Globs of the schema files compared, e.g. schemas/*.' }),
  since: z
    .string()
    .optional()
    .meta({ description: 'Git ref to compare against (default the previous release tag).' }),
});

export const GithubCheck = z.strictObject({
  open_issues_with_labels: z
    .array(NonEmpty)
    .optional()
    .meta({ description: 'Labels of open issues that count against the release (any of them).' }),
  max: optionalInt('Most open issues allowed with those labels (default 0).', 0),
  min_approvals: optionalInt('Approvals each PR merged since the previous tag needs.', 0),
  check_runs: z
    .array(NonEmpty)
    .optional()
    .meta({ description: 'Check runs that must be green on the release SHA.' }),
});

export const PreflightCheck = z.strictObject({
  name: Identifier.meta({ description: 'The check name, shown in the preflight table and evidence.' }),
  description: FreeText,
  timeout: Duration.optional().meta({ description: 'Per-attempt timeout (default 30s).' }),
  retries: optionalInt('Further attempts after a failed one.', 0, 10),
  http: HttpCheck.optional().meta({
    description: 'An HTTP health check, or a blast-radius probe with requests.',
  }),
  run: Command.optional().meta({ description: 'A command whose exit code (and JSON output) is checked.' }),
  env: CommandEnv.optional(),
  expect_exit: z
    .number()
    .int()
    .optional()
    .meta({ description: 'The exit code run must end with (default 0).' }),
  expect_json: z
    .record(z.string(), JsonExpectation)
    .optional()
    .meta({ description: "Dotted JSON paths of run's output and their expected values." }),
  cwd: z.string().optional().meta({ description: 'Working directory of run, relative to the workspace.' }),
  query: QueryCheck.optional().meta({
    description: "A query to the plan's metric source (metrics:), its value judged against min/max.",
  }),
  promql: QueryCheck.optional().meta({
    description: 'The old name of query (the same check), kept as an alias.',
  }),
  schema_diff: SchemaDiffCheck.optional().meta({
    description: 'Fails on a breaking change to the schema files since the previous release.',
  }),
  github: GithubCheck.optional().meta({
    description: 'Repository state: open blocking issues, PR approvals, check runs.',
  }),
  calendar: z
    .strictObject({})
    .optional()
    .meta({ description: 'The release calendar’s verdict for this change set.' }),
  signoffs: z.strictObject({}).optional().meta({
    description: 'Every sign-off environment of the plan exists on GitHub with required reviewers.',
  }),
});
export const PREFLIGHT_KINDS = [
  'http',
  'run',
  'query',
  'promql',
  'schema_diff',
  'github',
  'calendar',
  'signoffs',
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Freeze and calendar

export const FreezeConfig = z.strictObject({
  label: NonEmpty.default('hold-for-canary').meta({ description: 'Label put on every held pull request.' }),
  base_branches: z
    .array(NonEmpty)
    .min(1)
    .default(['main'])
    .meta({ description: 'Branches whose pull requests are frozen.' }),
  allow: z
    .strictObject({
      labels: z
        .array(NonEmpty)
        .default([])
        .meta({ description: 'Pull requests with any of these labels may merge during the freeze.' }),
      paths_only: z.array(NonEmpty).default([]).meta({
        description: 'Globs; a pull request touching only these paths may merge during the freeze.',
      }),
    })
    .default({ labels: [], paths_only: [] })
    .meta({ description: 'What may still merge during the freeze.' }),
  block: z
    .strictObject({
      labels: z
        .array(NonEmpty)
        .default([])
        .meta({ description: 'Pull requests with any of these labels are held even if allowed otherwise.' }),
    })
    .default({ labels: [] })
    .meta({ description: 'What is held whatever allow says.' }),
  status_check: NonEmpty.default('release-freeze').meta({
    description: 'Commit status context set on pull requests; make it required to enforce the freeze.',
  }),
  comment: z
    .union([z.boolean(), z.string()])
    .optional()
    .meta({ description: 'Comment once on each held PR (true for the default text, or a template).' }),
});

export const CalendarConfig = z.strictObject({
  timezone: NonEmpty.meta({ description: 'IANA zone; an unknown zone is an error, never UTC.' }),
  market_hours: z
    .strictObject({
      days: z.array(Weekday).min(1).meta({ description: 'Trading days, mon..sun.' }),
      open: LocalTime.meta({ description: 'Market open, local HH:MM in the calendar zone.' }),
      close: LocalTime.meta({ description: 'Market close, local HH:MM in the calendar zone.' }),
    })
    .optional()
    .meta({ description: 'When the market is open, in the calendar zone.' }),
  no_schema_changes_during_market_hours: z
    .strictObject({
      paths: z.array(NonEmpty).min(1).meta({
        description: 'Globs of schema files; a change set touching one is refused in market hours.',
      }),
    })
    .optional()
    .meta({ description: 'Refuse schema changes while the market is open.' }),
  dst_transition_week: z
    .strictObject({
      allowed_window: z
        .tuple([LocalTime, LocalTime], { error: 'a pair ["HH:MM", "HH:MM"]' })
        .meta({ description: 'The only local window ["HH:MM", "HH:MM"] a release may run in that week.' }),
    })
    .optional()
    .meta({ description: 'In a week with a daylight-saving change, releases only in the allowed window.' }),
  blackout: z
    .array(DateOrRange)
    .default([])
    .meta({ description: 'Dates or inclusive date ranges with no releases at all.' }),
  allow_during_market_hours: z.boolean().optional().meta({
    description:
      'Whether a change set that touches no schema path may go out during market hours (default true).',
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Traffic, rollback, promote

/**
 * Every traffic provider the plan language knows, by its key under `traffic:`. A plan sets exactly one. Adding a
 * provider: its settings here, its factory in src/traffic/registry.ts (the compiler then asks for it there); see
 * docs/extending.md.
 */
export const TRAFFIC_PROVIDER_CONFIGS = {
  http: z
    .strictObject({
      url: Url.meta({ description: 'Feature-flag endpoint the weight is sent to (a template).' }),
      method: z
        .enum(['POST', 'PUT', 'PATCH'], { error: 'one of POST, PUT, PATCH' })
        .default('POST')
        .meta({ description: 'HTTP method of the write.' }),
      body: z
        .string()
        .optional()
        .meta({ description: 'Request body template ({{weight}}, {{version}}, {{stage}}, {{flow}}).' }),
      headers: optionalHeaders('Request headers, name: value (templates).'),
      token_env: EnvName.optional().meta({
        description: 'Env variable holding a bearer token for the endpoint; never logged.',
      }),
      read_back: Url.optional().meta({
        description: 'GET endpoint returning the current weight, checked after a write.',
      }),
    })
    .meta({ description: 'Feature-flag provider: the weight is written with an HTTP request.' }),
  kubectl: z
    .strictObject({
      ingress: NonEmpty.meta({ description: 'The canary ingress (nginx canary-weight annotation).' }),
      namespace: z
        .string()
        .optional()
        .meta({ description: 'Namespace of the ingress (default the context’s).' }),
      manifest: z.string().optional().meta({ description: 'Manifest file, for --local (no cluster) runs.' }),
      context: z.string().optional().meta({ description: 'kubectl context (default the current one).' }),
      deployment: z
        .string()
        .optional()
        .meta({ description: 'The canary Deployment, scaled to 0 on rollback.' }),
    })
    .meta({ description: 'nginx-ingress provider: the canary-weight annotation set with kubectl.' }),
  gitops: z
    .strictObject({
      file: NonEmpty.meta({ description: 'Manifest file in the repository, relative to its root.' }),
      field: NonEmpty.meta({ description: 'Dotted YAML path of the weight, e.g. spec.traffic.canary.' }),
      remote: z
        .string()
        .optional()
        .meta({ description: 'Git URL or path to clone and push (default the workspace’s origin).' }),
      branch: z
        .string()
        .optional()
        .meta({ description: 'Branch the weight is committed to (default the remote’s HEAD).' }),
    })
    .meta({ description: 'GitOps provider: the weight is committed to a manifest in Git.' }),
  run: Command.meta({
    description:
      'Command provider: a command that sets the weight ({{weight}}, {{flow}}; reaches it as CANARY_* variables).',
  }),
};
export type TrafficKind = keyof typeof TRAFFIC_PROVIDER_CONFIGS;
export const TRAFFIC_KINDS = Object.keys(TRAFFIC_PROVIDER_CONFIGS) as TrafficKind[];

export const TrafficConfig = z.strictObject({
  ...optionalEach(TRAFFIC_PROVIDER_CONFIGS),
  env: CommandEnv.optional(),
});

export const SilenceConfig = z.strictObject({
  alertmanager: Url.meta({ description: 'Alertmanager base URL.' }),
  matchers: z
    .record(z.string(), z.string())
    .meta({ description: 'Label matchers of the alerts silenced, name: value (equality).' }),
  duration: Duration.meta({ description: 'How long the silence lasts, e.g. 10m.' }),
  comment: z.string().optional().meta({ description: 'Comment recorded on the silence.' }),
});

export const RollbackConfig = z.strictObject({
  traffic: TrafficWeight.default(0).meta({ description: 'Canary weight in percent set on rollback.' }),
  run: z
    .array(NonEmpty)
    .default([])
    .meta({ description: 'Commands run in order after the traffic cut (e.g. scale the canary to 0).' }),
  env: CommandEnv.optional(),
  silence: SilenceConfig.optional().meta({ description: 'An Alertmanager silence set during the rollback.' }),
  incident: z
    .strictObject({
      labels: z
        .array(NonEmpty)
        .default(['incident'])
        .meta({ description: 'Labels of the incident issue; also how a re-run finds it.' }),
      title: z.string().optional().meta({ description: 'Issue title template (default names the release).' }),
      template: z
        .string()
        .optional()
        .meta({ description: 'Body template file (default .github/INCIDENT_TEMPLATE.md).' }),
    })
    .optional()
    .meta({ description: 'The incident issue opened on rollback.' }),
});

export const PromoteConfig = z.strictObject({
  run: z
    .array(NonEmpty)
    .default([])
    .meta({ description: 'Commands run in order before the GA record is written.' }),
  env: CommandEnv.optional(),
  silence: SilenceConfig.optional().meta({ description: 'An Alertmanager silence set for the cut-over.' }),
});

// ---------------------------------------------------------------------------------------------------------------
// Evidence, sign-off, RCA, notifications, environments

export const EvidenceConfig = z
  .strictObject({
    branch: NonEmpty.default('canary-evidence').meta({
      description: 'Git branch the evidence is committed to.',
    }),
    dir: NonEmpty.default('evidence/{{version}}').meta({
      description: 'Folder of the release’s evidence files on that branch (a template).',
    }),
    decisions: NonEmpty.default('reports/release_decisions/{{deployment_id}}.yaml').meta({
      description: 'Path of the hash-chained decision log on that branch (a template).',
    }),
    templates: z
      .string()
      .optional()
      .meta({ description: 'Folder of templates overriding evidence-templates/.' }),
    retention: Duration.optional().meta({
      description:
        'How long the evidence is meant to be kept, for people reading the plan; nothing deletes evidence.',
    }),
  })
  .default({
    branch: 'canary-evidence',
    dir: 'evidence/{{version}}',
    decisions: 'reports/release_decisions/{{deployment_id}}.yaml',
  });

export const SignoffConfig = z.strictObject({
  environment: EnvironmentName.meta({ description: 'GitHub environment whose approval is this sign-off.' }),
  window: Duration.optional().meta({ description: 'Observation window after promotion (first night).' }),
  slo_burn_rate_max: z
    .number()
    .positive()
    .optional()
    .meta({ description: 'The highest SLO burn rate over the window that passes (e.g. 1.5).' }),
  slo_burn_rate_query: z.string().optional().meta({
    description:
      "The burn-rate query in the metric source's language, required with slo_burn_rate_max; {{track}}, {{service}} and {{version}} render (see docs/signoff.md).",
  }),
  description: FreeText,
});

export const EnvironmentSettings = z.strictObject({
  reviewers: z.array(NonEmpty).default([]).meta({ description: 'Users (login) or teams (org/team).' }),
  wait_timer: Duration.optional().meta({
    description: 'Delay before the environment can be approved, whole minutes (GitHub allows up to 30 days).',
  }),
  prevent_self_review: z
    .boolean()
    .default(true)
    .meta({ description: 'Whether whoever started the run may not approve it.' }),
});

export const RcaConfig = z.strictObject({
  owners: z.array(NonEmpty).min(1, { error: 'at least one owner' }).meta({
    description:
      "The RCA's owners; the first also owns the risks no guardrail owner covers (a guardrail names its own with owner:).",
  }),
  due_in: Duration.default(7 * 86400).meta({
    description: 'When the remaining risks are due, after the RCA.',
  }),
});

const NOTIFY_EVENTS = ['decision', 'warroom', 'rollback', 'promote'] as const;
const NotifyEvents = z.array(z.enum(NOTIFY_EVENTS));
const HeaderName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, { error: 'an HTTP header name, e.g. X-Api-Key' });

/** A mustache template that does not parse is a plan mistake, reported when the plan is read. */
const MustacheTemplate = NonEmpty.superRefine((text, ctx) => {
  try {
    Mustache.parse(text);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid mustache template (${(e as Error).message})` });
  }
});

export const NotifyConfig = z.strictObject({
  webhooks: z
    .array(
      z
        .strictObject({
          name: z
            .string()
            .optional()
            .meta({ description: 'A name for the webhook in logs (default its url_env).' }),
          url_env: EnvName.meta({
            description: 'Env variable holding the webhook URL (a credential: masked, never in the plan).',
          }),
          events: NotifyEvents.optional().meta({ description: 'Which events are posted (default all).' }),
          template: MustacheTemplate.optional().meta({
            description:
              'A mustache body rendered with the event\'s fields ({{text}}, {{service}}, {{version}}, {{stage}}, {{decision}}, {{reason}}, {{run_url}}, ...; docs/notifications.md). Values are escaped for JSON when content_type is JSON. Absent: Slack-compatible {"text": ...}.',
          }),
          content_type: NonEmpty.default('application/json').meta({
            description: 'Content-Type of the body (a templated body that is JSON must parse as JSON).',
          }),
          headers_env: z.record(HeaderName, EnvName).optional().meta({
            description:
              'Request headers whose values come from env variables, header name: variable name (masked).',
          }),
        })
        .meta({ description: 'One webhook: where its URL comes from, which events it gets, and its body.' }),
    )
    .default([])
    .meta({ description: 'Webhooks posted to on release events (Slack-compatible unless templated).' }),
  teams: z
    .array(
      z
        .strictObject({
          name: z.string().optional().meta({ description: 'A name in logs (default its url_env).' }),
          url_env: EnvName.meta({
            description: 'Env variable holding the Teams workflow (incoming webhook) URL; masked.',
          }),
          events: NotifyEvents.optional().meta({
            description:
              'Which events get a card (default decision, rollback, promote; war-room lines are opt-in).',
          }),
        })
        .meta({ description: 'One Microsoft Teams channel, sent Adaptive Cards.' }),
    )
    .default([])
    .meta({ description: 'Microsoft Teams channels posted Adaptive Cards (1.4) on release events.' }),
  pagerduty: z
    .strictObject({
      routing_key_env: EnvName.meta({
        description: 'Env variable holding the Events API v2 integration (routing) key; masked.',
      }),
      url: Url.default('https://events.pagerduty.com/v2/enqueue').meta({
        description: 'Events API v2 endpoint (EU accounts: https://events.eu.pagerduty.com/v2/enqueue).',
      }),
      severity: z
        .enum(['critical', 'error', 'warning', 'info'])
        .default('critical')
        .meta({ description: 'Severity of the triggered event.' }),
      events: z
        .array(z.enum(['rollback', 'promote']))
        .default(['rollback', 'promote'])
        .meta({
          description:
            'rollback triggers an incident (dedup key per release), promote resolves it (default both).',
        }),
    })
    .optional()
    .meta({
      description:
        'PagerDuty Events API v2: one incident per release (dedup key service/version), triggered on rollback, resolved on promote.',
    }),
  grafana: z
    .strictObject({
      url: Url.meta({
        description: 'Grafana base URL, e.g. http://grafana:3000 (annotations go to /api/annotations).',
      }),
      token_env: EnvName.meta({ description: 'Env variable holding a service account token; masked.' }),
      dashboard_uid: NonEmpty.optional().meta({
        description: 'Dashboard the annotations belong to (default: organization-wide annotations).',
      }),
      panel_id: z
        .number()
        .int()
        .positive()
        .optional()
        .meta({ description: 'Panel of that dashboard (needs dashboard_uid).' }),
    })
    .refine((g) => g.panel_id === undefined || g.dashboard_uid !== undefined, {
      message: 'panel_id needs dashboard_uid',
      path: ['panel_id'],
    })
    .optional()
    .meta({
      description:
        'Grafana: one region annotation per stage (its start to its decision), tags canary, the release and the decision.',
    }),
});

export const ReleaseConfig = z.strictObject({
  service: Identifier.meta({ description: 'Name of the service released; {{service}} in templates.' }),
  tag: NonEmpty.default('v{{version}}').meta({
    description: 'Release tag template; {{version}} is the version.',
  }),
  timezone: NonEmpty.default('UTC').meta({ description: 'IANA zone for times shown to people.' }),
  description: FreeText,
});

// ---------------------------------------------------------------------------------------------------------------
// The plan

export const ReleasePlanSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z
      .literal(1, { error: 'the plan format version 1' })
      .meta({ description: 'Plan format version; always 1.' }),
    release: ReleaseConfig.meta({
      description: 'What is released: the service, the tag template, the zone for people.',
    }),
    metrics: MetricsConfig.meta({
      description: 'Where metrics come from and the named queries guardrails use.',
    }),
    guardrails: z
      .record(
        Identifier,
        Guardrail.meta({ description: 'One guardrail: the metric it judges and its levels.' }),
      )
      .meta({ description: 'Named guardrails: a metric and its pass/soft/hard thresholds.' }),
    stages: z
      .array(
        Stage.meta({
          description: 'One stage: its traffic, how long it is watched and by which guardrails.',
        }),
      )
      .min(1, { error: 'at least one stage' })
      .max(8, { error: 'at most 8 stages (the reusable workflow has 8 stage slots)' })
      .meta({ description: 'The traffic stages in order (at most 8).' }),
    preflight: z
      .array(
        PreflightCheck.meta({
          description: 'One check: a name and exactly one kind (http, run, query, ...).',
        }),
      )
      .default([])
      .meta({ description: 'Checks run before the first stage (T-10); all must pass.' }),
    freeze: FreezeConfig.optional().meta({
      description: 'Change freeze on open pull requests during the release.',
    }),
    calendar: CalendarConfig.optional().meta({
      description: 'When releases are allowed: market hours, DST weeks, blackouts.',
    }),
    traffic: TrafficConfig.optional().meta({ description: 'How traffic is shifted: exactly one provider.' }),
    rollback: RollbackConfig.default({ traffic: 0, run: [] }).meta({
      description: 'What a rollback does, in order: traffic, commands, silence, incident.',
    }),
    promote: PromoteConfig.optional().meta({ description: 'What promotion (GA) does besides recording it.' }),
    evidence: EvidenceConfig.meta({ description: 'Where evidence and the decision log are committed.' }),
    signoff: z
      .record(
        Identifier,
        SignoffConfig.meta({ description: 'One sign-off: its environment and what it measures.' }),
      )
      .default({})
      .meta({ description: 'Sign-offs after promotion, such as the first night.' }),
    environments: z
      .record(
        EnvironmentName,
        EnvironmentSettings.meta({ description: 'One GitHub environment: its reviewers and wait timer.' }),
      )
      .default({})
      .meta({ description: 'Settings for setup-environments: reviewers and wait timers.' }),
    rca: RcaConfig.optional().meta({ description: 'Mini-RCA owners and due date.' }),
    notify: NotifyConfig.optional().meta({
      description:
        'Notifications of decisions, war-room lines, rollbacks and promotion: chat webhooks, Teams, PagerDuty, Grafana.',
    }),
  })
  .meta({
    title: 'canary-conductor release plan',
    description: 'The release plan read by canary-conductor (.github/canary.yml).',
  });

export type ReleasePlan = z.output<typeof ReleasePlanSchema>;
export type ReleasePlanInput = z.input<typeof ReleasePlanSchema>;
export type StageConfig = ReleasePlan['stages'][number];
export type GuardrailConfig = z.output<typeof Guardrail>;
export type ThresholdLevelConfig = z.output<typeof ThresholdLevel>;
export type QueryConfig = z.output<typeof QueryDefinition>;
export type MetricsSettings = z.output<typeof MetricsConfig>;
/** The settings of one metric source, e.g. MetricSourceSettings<'prometheus'>. */
export type MetricSourceSettings<K extends MetricSourceKind> = NonNullable<MetricsSettings[K]>;
export type PreflightCheckConfig = z.output<typeof PreflightCheck>;
export type PreflightKind = (typeof PREFLIGHT_KINDS)[number];
export type FreezeSettings = z.output<typeof FreezeConfig>;
export type CalendarSettings = z.output<typeof CalendarConfig>;
export type TrafficSettings = z.output<typeof TrafficConfig>;
/** The settings of one traffic provider, e.g. TrafficProviderSettings<'http'>. */
export type TrafficProviderSettings<K extends TrafficKind> = NonNullable<TrafficSettings[K]>;
export type RollbackSettings = z.output<typeof RollbackConfig>;
export type SilenceSettings = z.output<typeof SilenceConfig>;
export type EvidenceSettings = z.output<typeof EvidenceConfig>;
export type SignoffSettings = z.output<typeof SignoffConfig>;
export type TrafficShare = z.output<typeof Traffic>;
