/**
 * Routes the `github` preflight check reads that the core emulator does not serve yet:
 *   GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews      (pulls/list-reviews)
 *   GET /repos/{owner}/{repo}/commits/{ref+}/check-runs         (checks/list-for-ref)
 * In the emulator's Route shape, so they can join ROUTES (`...PREFLIGHT_ROUTES`) once the emulator's owner
 * wires them; until then `startEmulatorFront` in test/preflight serves them in front of a running emulator.
 * Their data lives beside the EmulatorState (seeded with `seedPreflight`), not inside it.
 */
import { paginate } from './routes.js';
import type { Route, RouteContext } from './route.js';
import { errorBody, userByLogin, DOCS, type Shaper } from './shapes.js';
import { notFound } from './answers.js';
import type { EmulatorState } from './state.js';

export interface SeedReview {
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  body?: string;
  /** ISO time; reviews are listed in this order. Default: seed order, one second apart. */
  submitted_at?: string;
}

export interface SeedCheckRun {
  name: string;
  status?: 'queued' | 'in_progress' | 'completed';
  conclusion?:
    'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required' | null;
  started_at?: string;
}

export interface PreflightSeed {
  /** Reviews per pull request number. */
  reviews?: Record<number, SeedReview[]>;
  /** Check runs per commit SHA. */
  checkRuns?: Record<string, SeedCheckRun[]>;
}

interface ReviewRecord extends Required<Omit<SeedReview, 'body'>> {
  id: number;
  body: string;
}
interface CheckRunRecord {
  id: number;
  sha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: SeedCheckRun['conclusion'];
  startedAt: string;
  completedAt: string | null;
}
interface PreflightData {
  reviews: Map<number, ReviewRecord[]>;
  checkRuns: CheckRunRecord[];
  nextId: number;
}

const DATA = new WeakMap<EmulatorState, PreflightData>();

function dataOf(state: EmulatorState): PreflightData {
  let data = DATA.get(state);
  if (!data) DATA.set(state, (data = { reviews: new Map(), checkRuns: [], nextId: 7_000_000 }));
  return data;
}

export function seedPreflight(state: EmulatorState, seed: PreflightSeed): void {
  const data = dataOf(state);
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (const [number, reviews] of Object.entries(seed.reviews ?? {})) {
    const list = data.reviews.get(Number(number)) ?? [];
    reviews.forEach((r, i) => {
      state.user(r.user);
      list.push({
        id: data.nextId++,
        user: r.user,
        state: r.state,
        body: r.body ?? '',
        submitted_at:
          r.submitted_at ?? new Date(base + (list.length + i) * 1000).toISOString().replace('.000Z', 'Z'),
      });
    });
    data.reviews.set(Number(number), list);
  }
  for (const [sha, runs] of Object.entries(seed.checkRuns ?? {})) {
    for (const run of runs) {
      const status = run.status ?? 'completed';
      const startedAt = run.started_at ?? '2026-01-01T00:00:00Z';
      data.checkRuns.push({
        id: data.nextId++,
        sha,
        name: run.name,
        status,
        conclusion: status === 'completed' ? (run.conclusion ?? 'success') : null,
        startedAt,
        completedAt: status === 'completed' ? startedAt : null,
      });
    }
  }
}

function review(s: Shaper, number: number, r: ReviewRecord, commitId: string): Record<string, unknown> {
  const repo = `${s.api}/repos/${s.state.owner}/${s.state.repo}`;
  const html = `${s.html}/${s.state.owner}/${s.state.repo}/pull/${number}#pullrequestreview-${r.id}`;
  return {
    id: r.id,
    node_id: `PRR_${Buffer.from(String(r.id)).toString('base64url')}`,
    user: userByLogin(s, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: `${repo}/pulls/${number}`,
    _links: { html: { href: html }, pull_request: { href: `${repo}/pulls/${number}` } },
    submitted_at: r.submitted_at,
    commit_id: commitId,
    author_association: 'MEMBER',
  };
}

function checkRun(s: Shaper, c: CheckRunRecord): Record<string, unknown> {
  const repo = `${s.api}/repos/${s.state.owner}/${s.state.repo}`;
  return {
    id: c.id,
    head_sha: c.sha,
    node_id: `CR_${Buffer.from(String(c.id)).toString('base64url')}`,
    external_id: '',
    url: `${repo}/check-runs/${c.id}`,
    html_url: `${s.html}/${s.state.owner}/${s.state.repo}/runs/${c.id}`,
    details_url: null,
    status: c.status,
    conclusion: c.conclusion ?? null,
    started_at: c.startedAt,
    completed_at: c.completedAt,
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `${repo}/check-runs/${c.id}/annotations`,
    },
    name: c.name,
    check_suite: { id: c.id + 1 },
    app: null,
    pull_requests: [],
  };
}

export const PREFLIGHT_ROUTES: Route[] = [
  {
    operationId: 'pulls/list-reviews',
    method: 'GET',
    path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    handle(ctx: RouteContext) {
      const number = Number(ctx.params['pull_number']);
      const pull = ctx.state.issues.get(number);
      if (!pull?.pull) return notFound();
      const reviews = [...(dataOf(ctx.state).reviews.get(number) ?? [])].sort(
        (a, b) => a.submitted_at.localeCompare(b.submitted_at) || a.id - b.id,
      );
      const page = paginate(ctx, reviews);
      return { ...page, body: page.body.map((r) => review(ctx.shaper, number, r, pull.pull!.headSha)) };
    },
  },
  {
    operationId: 'checks/list-for-ref',
    method: 'GET',
    path: '/repos/{owner}/{repo}/commits/{ref+}/check-runs',
    handle(ctx: RouteContext) {
      const ref = ctx.params['ref'] ?? '';
      const sha = /^[0-9a-f]{40}$/.test(ref)
        ? ref
        : (ctx.state.refs.get(`refs/heads/${ref}`) ?? ctx.state.refs.get(`refs/tags/${ref}`));
      if (!sha) return { status: 422, body: errorBody(`No commit found for SHA: ${ref}`, DOCS, 422) };
      const name = ctx.query.get('check_name');
      const status = ctx.query.get('status');
      let runs = dataOf(ctx.state).checkRuns.filter(
        (c) =>
          c.sha === sha && (name === null || c.name === name) && (status === null || c.status === status),
      );
      if ((ctx.query.get('filter') ?? 'latest') === 'latest') {
        const latest = new Map<string, CheckRunRecord>();
        for (const c of runs) {
          const seen = latest.get(c.name);
          if (!seen || c.startedAt > seen.startedAt || (c.startedAt === seen.startedAt && c.id > seen.id))
            latest.set(c.name, c);
        }
        runs = [...latest.values()];
      }
      runs.sort((a, b) => b.id - a.id);
      const page = paginate(ctx, runs);
      return {
        ...page,
        body: { total_count: runs.length, check_runs: page.body.map((c) => checkRun(ctx.shaper, c)) },
      };
    },
  },
];
