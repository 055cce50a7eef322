/**
 * The simulated release's own repository: a real git repository with a previous release tag and the release
 * commit on `main`, holding what the preflight reads (a JSON schema changed compatibly since the previous tag,
 * Prometheus alert rules that `promtool check rules` accepts, the plan itself). The evidence branch and the
 * release tag are written into the same repository, as in GitHub, where the evidence remote defaults to the
 * repository itself; the release tag is made by the release-tag job (releaseTag) from a checkout of it. Every
 * commit date comes from the virtual clock and the identity is fixed, so the same seed gives the same commits.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const SIM_IDENTITY = {
  name: 'canary-conductor simulation',
  email: 'simulate@canary-conductor.invalid',
};

export class SimulationGitError extends Error {}

export function git(dir: string, args: string[], date?: Date, input?: string): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: SIM_IDENTITY.name,
    GIT_AUTHOR_EMAIL: SIM_IDENTITY.email,
    GIT_COMMITTER_NAME: SIM_IDENTITY.name,
    GIT_COMMITTER_EMAIL: SIM_IDENTITY.email,
    // The user's global config (signing, hooks, templates) must not change what the simulation writes.
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
  };
  if (date) {
    env.GIT_AUTHOR_DATE = date.toISOString();
    env.GIT_COMMITTER_DATE = date.toISOString();
  }
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      { cwd: dir, env, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(
            new SimulationGitError(
              `git ${args.join(' ')} failed in ${dir}: ${String(stderr).trim() || error.message}`,
            ),
          );
        else resolve(String(stdout));
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

const SCHEMA_BEFORE = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Order',
  type: 'object',
  required: ['id', 'side', 'qty', 'price'],
  properties: {
    id: { type: 'string' },
    side: { type: 'string', enum: ['buy', 'sell'] },
    qty: { type: 'integer', minimum: 1 },
    price: { type: 'number' },
  },
};

/** The release adds an optional field: compatible, so schema_diff passes having compared something real. */
const SCHEMA_AFTER = {
  ...SCHEMA_BEFORE,
  properties: {
    ...SCHEMA_BEFORE.properties,
    client_tag: { type: 'string', description: 'Optional client correlation tag (added in this release).' },
  },
};

const ALERT_RULES = `groups:
  - name: canary
    rules:
      - alert: CanaryHighLatency
        expr: histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{track="canary"}[5m]))) > 0.4
        for: 2m
        labels: { severity: page, auto_rollback: "true" }
        annotations: { summary: "canary p95 above 400 ms" }
      - alert: CanaryErrorRate
        expr: 100 * sum(rate(http_requests_total{track="canary",status=~"5.."}[5m])) / sum(rate(http_requests_total{track="canary"}[5m])) > 3
        for: 2m
        labels: { severity: page, auto_rollback: "true" }
        annotations: { summary: "canary 5xx above 3%" }
`;

export interface Workspace {
  dir: string;
  previousTag: string;
  head: string;
  /** Files changed by the release (previous tag..HEAD). */
  changed: string[];
}

async function put(dir: string, rel: string, content: string): Promise<void> {
  const file = path.join(dir, ...rel.split('/'));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

/**
 * Creates the repository at `dir` (which must not exist or be empty). `t0` is the release start: the previous
 * release is a week older, the release commit a day older.
 */
export async function createWorkspace(options: {
  dir: string;
  planText: string;
  service: string;
  version: string;
  previousVersion: string;
  previousTag: string;
  t0: Date;
}): Promise<Workspace> {
  const { dir } = options;
  await mkdir(dir, { recursive: true });
  const day = 24 * 3600 * 1000;
  const before = new Date(options.t0.getTime() - 7 * day);
  const release = new Date(options.t0.getTime() - day);
  await git(dir, ['init', '--quiet', '--initial-branch=main']);
  await put(
    dir,
    'README.md',
    `# ${options.service}\n\nThe repository of a simulated release (canary-conductor simulate). Nothing here is deployed.\n`,
  );
  await put(dir, '.github/canary.yml', options.planText);
  await put(dir, 'schemas/order.json', `${JSON.stringify(SCHEMA_BEFORE, null, 2)}\n`);
  await put(dir, 'monitoring/alerts/rules.yml', ALERT_RULES);
  await put(dir, 'VERSION', `${options.previousVersion}\n`);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '--quiet', '--no-gpg-sign', '-m', `release ${options.previousVersion}`], before);
  await git(
    dir,
    ['tag', '--no-sign', '-a', options.previousTag, '-m', `${options.service} ${options.previousTag}`],
    before,
  );

  await put(dir, 'schemas/order.json', `${JSON.stringify(SCHEMA_AFTER, null, 2)}\n`);
  await put(dir, 'VERSION', `${options.version}\n`);
  await put(dir, 'CHANGELOG.md', `## ${options.version}\n\n- Orders accept an optional client_tag.\n`);
  await git(dir, ['add', '-A']);
  await git(
    dir,
    ['commit', '--quiet', '--no-gpg-sign', '-m', `release ${options.version}: optional client_tag on orders`],
    release,
  );
  const head = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  const changed = (await git(dir, ['diff', '--name-only', options.previousTag, 'HEAD']))
    .split('\n')
    .filter(Boolean)
    .sort();
  return { dir, previousTag: options.previousTag, head, changed };
}

export const WORKSPACE_CHANGES = ['CHANGELOG.md', 'VERSION', 'schemas/order.json'];
