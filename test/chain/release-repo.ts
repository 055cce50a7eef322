/**
 * What a release needs around the chain of actions, locally: a release repository (real git, `.github/canary.yml`
 * committed, `origin` a local bare repository that also receives the evidence branch and the tag), the plan for a
 * short five-stage ramp against a real Prometheus, and a reader for the evidence branch.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Release Engineer',
      GIT_AUTHOR_EMAIL: 're@example.com',
      GIT_COMMITTER_NAME: 'Release Engineer',
      GIT_COMMITTER_EMAIL: 're@example.com',
    },
  });
  return stdout.trim();
}

export const STAGES = [
  { name: 'pilot', traffic: 1, environment: 'canary-1' },
  { name: 'confidence', traffic: 5, environment: 'canary-5' },
  { name: 'quarter', traffic: 25, environment: 'canary-25' },
  { name: 'half', traffic: 50, environment: 'canary-50' },
  { name: 'full', traffic: 100, environment: 'production' },
] as const;

/** The first night's window: short, as every duration here, and long enough for a rate() over 1 s scrapes. */
export const FIRST_NIGHT_WINDOW_S = 10;

export interface ChainPlanOptions {
  prometheusUrl: string;
  /** The Prometheus job that scrapes this release's exporter; every query is scoped to it. */
  job: string;
  flagUrl: string;
  /** Notification receivers (local fakes): PagerDuty's enqueue URL and Grafana's base URL. */
  notify?: { pagerdutyUrl: string; grafanaUrl: string };
}

/** The env variables the chain plan's notify block names. */
export const NOTIFY_ENV = {
  routingKey: 'CHAIN_PAGERDUTY_ROUTING_KEY',
  teamsUrl: 'CHAIN_TEAMS_WEBHOOK',
  grafanaToken: 'CHAIN_GRAFANA_TOKEN',
} as const;

/**
 * The reference plan's shape with seconds-long stages: 4 s windows sampled every 2 s, `for` and hold scaled down to
 * match, and the queries scoped to one scrape job so two releases can share one Prometheus.
 */
export function chainPlan(o: ChainPlanOptions): string {
  const sel = (extra = '') => `job="${o.job}",track="{{track}}"${extra}`;
  return `version: 1
release:
  service: spark-trading-api
  tag: "v{{version}}"
  timezone: Europe/Istanbul

metrics:
  prometheus:
    url: ${o.prometheusUrl}
    bearer_token_env: PROM_TOKEN
  tracks: { label: track, canary: canary, baseline: stable }
  queries:
    p95_latency_ms:
      query: 1000 * histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${sel()}}[1m])))
    error_rate_pct:
      query: 100 * sum(rate(http_requests_total{${sel(',status=~"5.."')}}[1m])) / sum(rate(http_requests_total{${sel()}}[1m]))
    mem_available_pct:
      query: min(mem_available_pct{${sel()}})

guardrails:
  api_p95:          { metric: p95_latency_ms, pass: { below: 200 }, soft: { above: 250, for: 4s }, hard: { above: 400 } }
  error_rate:       { metric: error_rate_pct, pass: { below: 1 }, soft: { above: 1.5, for: 4s }, hard: { above: 3 } }
  memory_headroom:  { metric: mem_available_pct, soft: { below: 20 }, hard: { below: 10 } }

stages:
${STAGES.map((s) => `  - { name: ${s.name}, traffic: ${s.traffic}, duration: 4s, interval: 2s, hold: 4s, environment: ${s.environment}, guardrails: [api_p95, error_rate, memory_headroom] }`).join('\n')}

preflight:
  - { name: prometheus-healthy, http: { url: "${o.prometheusUrl}/-/healthy", expect: { status: 200 } } }
  - { name: service-scraped, promql: { query: 'sum(up{job="${o.job}"})', expect: { min: 1 } } }

freeze:
  label: hold-for-canary
  base_branches: [main]
  allow: { labels: [hotfix, documentation], paths_only: ["docs/**"] }
  block: { labels: [feature] }
  status_check: release-freeze

traffic:
  http: { url: "${o.flagUrl}/api/features/rollout", method: POST, body: '{"feature":"v{{version}}","percentage":{{weight}}}', read_back: "${o.flagUrl}/api/features/rollout?feature=v{{version}}" }

rollback:
  traffic: 0
  incident: { labels: [incident] }

evidence:
  branch: canary-evidence
  dir: "evidence/{{version}}"
  decisions: "reports/release_decisions/{{deployment_id}}.yaml"

signoff:
  first_night:
    environment: first-night
    window: ${FIRST_NIGHT_WINDOW_S}s
    slo_burn_rate_max: 1.5
    slo_burn_rate_query: (100 * sum(rate(http_requests_total{${sel(',status=~"5.."')}}[${FIRST_NIGHT_WINDOW_S}s])) / sum(rate(http_requests_total{${sel()}}[${FIRST_NIGHT_WINDOW_S}s]))) / 1

environments:
  canary-1: { reviewers: [jane-doe] }
  production: { reviewers: [risk-manager] }

rca:
  owners: ["@sre-lead", "@quant-lead", "@risk-manager"]
  due_in: 7d
${
  o.notify
    ? `
notify:
  pagerduty: { routing_key_env: ${NOTIFY_ENV.routingKey}, url: "${o.notify.pagerdutyUrl}" }
  teams: [{ name: release-room, url_env: ${NOTIFY_ENV.teamsUrl}, events: [rollback] }]
  grafana: { url: "${o.notify.grafanaUrl}", token_env: ${NOTIFY_ENV.grafanaToken}, dashboard_uid: spark-release }
`
    : ''
}`;
}

export interface ReleaseRepo {
  /** The checkout the actions run in (GITHUB_WORKSPACE). */
  workspace: string;
  /** The bare repository: origin of the checkout, and the evidence remote. */
  bare: string;
  /** The release commit. */
  sha: string;
  /** Every ref update the bare repository received, with the time (Date.now()) its pre-receive hook saw it. */
  pushes(): Array<{ at: number; ref: string }>;
}

export async function createReleaseRepo(plan: string): Promise<ReleaseRepo> {
  const root = mkdtempSync(join(tmpdir(), 'chain-release-'));
  const bare = join(root, 'origin.git');
  const workspace = join(root, 'workspace');
  await run('git', ['init', '--bare', '-b', 'main', bare]);
  mkdirSync(join(workspace, '.github'), { recursive: true });
  await git(root, 'init', '-b', 'main', workspace);
  writeFileSync(join(workspace, '.github', 'canary.yml'), plan);
  writeFileSync(join(workspace, 'README.md'), '# spark-trading-api\n');
  await git(workspace, 'add', '.');
  await git(workspace, 'commit', '-m', 'release 1.4 candidate');
  await git(workspace, 'remote', 'add', 'origin', bare);
  await git(workspace, 'push', 'origin', 'main');
  // Notes when each push reaches the remote, so a test can order it against other systems' clocks.
  const received = join(root, 'pushes.log');
  writeFileSync(received, '');
  const hook = join(bare, 'hooks', 'pre-receive');
  writeFileSync(
    hook,
    `#!/bin/sh\nwhile read old new ref; do echo "$(date +%s%3N) $ref" >> "${received}"; done\n`,
  );
  chmodSync(hook, 0o755);
  return {
    workspace,
    bare,
    sha: await git(workspace, 'rev-parse', 'HEAD'),
    pushes: () =>
      readFileSync(received, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [at, ref] = line.split(' ');
          return { at: Number(at), ref: ref! };
        }),
  };
}

export interface EvidenceCheckout {
  dir: string;
  files(sub: string): string[];
  read(path: string): string;
}

/** A fresh clone of the evidence branch, as an auditor would take it. */
export async function checkoutEvidence(bare: string, branch = 'canary-evidence'): Promise<EvidenceCheckout> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-evidence-'));
  await run('git', ['clone', '--quiet', '--branch', branch, bare, dir]);
  return {
    dir,
    files: (sub) => readdirSync(join(dir, sub)).sort(),
    read: (path) => readFileSync(join(dir, path), 'utf8'),
  };
}
