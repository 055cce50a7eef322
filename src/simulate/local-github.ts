/**
 * The GitHub REST calls a release makes (the freeze's pull-request, label, status and comment calls; the
 * preflight's issue, pull and check-run reads; the rollback's incident issue), answered in memory on 127.0.0.1
 * from the scenario's pull requests and issues. The real octokit client and the real freeze, preflight and
 * rollback code talk to it exactly as they talk to GitHub; nothing here decides anything for them.
 * Only the routes and fields those callers read are served; anything else is a 404 that names the route.
 * Times come from the virtual clock, so what the run writes is the same for the same seed.
 */
import { parseJson, startLocalServer, type LocalServer } from './http-server.js';
import type { Clock } from '../platform/clock.js';

export interface SimPull {
  number: number;
  title: string;
  base: string;
  headSha: string;
  labels: string[];
  draft?: boolean;
  files: string[];
  author: string;
}

export interface SimIssue {
  number: number;
  title: string;
  labels: string[];
  state: 'open' | 'closed';
  body?: string;
}

export interface GithubWrite {
  request: string;
  summary: string;
}

export interface LocalGithub extends LocalServer {
  readonly owner: string;
  readonly repo: string;
  readonly writes: readonly GithubWrite[];
  pull(number: number): SimPull | undefined;
  readonly issues: readonly SimIssue[];
  /**
   * A reviewer approving an environment of a run, as on the run's page: the rehearsal's stand-in for a human, so
   * the stage's sign-off is then read through GET .../actions/runs/{run_id}/approvals like a live stage reads it.
   */
  approve(runId: number, environment: string, login: string, comment: string): void;
}

interface StoredApproval {
  environment: string;
  login: string;
  comment: string;
}

interface StoredStatus {
  context: string;
  state: string;
  description: string | null;
  target_url: string | null;
  created_at: string;
}

interface StoredComment {
  id: number;
  body: string;
  created_at: string;
}

export async function startLocalGithub(options: {
  owner: string;
  repo: string;
  pulls: SimPull[];
  issues: SimIssue[];
  clock: Pick<Clock, 'now'>;
  actor?: string;
  /**
   * The environments GitHub would hold: the plan's `environments:` section, as setup-environments creates them
   * (reviewers are logins or org/team slugs). Others do not exist here, as on a repository nobody set up.
   */
  environments?: Record<string, { reviewers: string[] }>;
}): Promise<LocalGithub> {
  const { owner, repo, clock } = options;
  const pulls = options.pulls.map((p) => ({ ...p, labels: [...p.labels] }));
  const issues = options.issues.map((i) => ({ ...i, labels: [...i.labels] }));
  const statuses = new Map<string, StoredStatus[]>();
  const comments = new Map<number, StoredComment[]>();
  const approvals = new Map<number, StoredApproval[]>();
  const writes: GithubWrite[] = [];
  let nextId = 1;
  let base = '';
  const now = () =>
    clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  const user = (login: string) => ({ login, id: 1, type: 'User' });
  const label = (name: string) => ({ id: 1, name, color: 'ededed', default: false, description: null });
  const htmlUrl = (kind: 'pull' | 'issues', n: number) => `${base}/${owner}/${repo}/${kind}/${n}`;

  const pullJson = (p: SimPull) => ({
    id: p.number,
    number: p.number,
    title: p.title,
    state: 'open',
    draft: p.draft ?? false,
    locked: false,
    user: user(p.author),
    labels: p.labels.map(label),
    base: { ref: p.base, sha: '0'.repeat(40), label: `${owner}:${p.base}` },
    head: { ref: `pr-${p.number}`, sha: p.headSha, label: `${owner}:pr-${p.number}` },
    merged_at: null,
    created_at: now(),
    updated_at: now(),
    html_url: htmlUrl('pull', p.number),
  });
  const issueJson = (i: SimIssue) => ({
    id: i.number,
    number: i.number,
    title: i.title,
    state: i.state,
    body: i.body ?? null,
    user: user(options.actor ?? 'canary-conductor[bot]'),
    labels: i.labels.map(label),
    created_at: now(),
    updated_at: now(),
    html_url: htmlUrl('issues', i.number),
  });
  const labelsOf = (n: number): string[] | undefined =>
    pulls.find((p) => p.number === n)?.labels ?? issues.find((i) => i.number === n)?.labels;
  const prefix = `/repos/${owner}/${repo}`;

  const server = await startLocalServer((req, body, url) => {
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith(`${prefix}/`))
      return {
        status: 404,
        json: { message: `Not Found: ${url.pathname} (the simulation serves ${owner}/${repo} only)` },
      };
    const path = url.pathname.slice(prefix.length);
    const q = url.searchParams;
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/pulls') {
      const state = q.get('state') ?? 'open';
      const baseRef = q.get('base');
      // Every simulated pull request is open: a closed listing is empty (no merged pulls since the previous tag).
      const list =
        state === 'closed' ? [] : pulls.filter((p) => !baseRef || p.base === baseRef).map(pullJson);
      return { status: 200, json: list };
    }
    if ((m = /^\/pulls\/(\d+)$/.exec(path)) && method === 'GET') {
      const p = pulls.find((x) => x.number === Number(m![1]));
      return p ? { status: 200, json: pullJson(p) } : { status: 404, json: { message: 'Not Found' } };
    }
    if ((m = /^\/pulls\/(\d+)\/files$/.exec(path)) && method === 'GET') {
      const p = pulls.find((x) => x.number === Number(m![1]));
      if (!p) return { status: 404, json: { message: 'Not Found' } };
      return {
        status: 200,
        json: p.files.map((filename) => ({
          sha: '0'.repeat(40),
          filename,
          status: 'modified',
          additions: 1,
          deletions: 0,
          changes: 1,
        })),
      };
    }
    if ((m = /^\/pulls\/(\d+)\/reviews$/.exec(path)) && method === 'GET') return { status: 200, json: [] };
    if ((m = /^\/commits\/([^/]+)\/check-runs$/.exec(path)) && method === 'GET')
      return { status: 200, json: { total_count: 0, check_runs: [] } };

    if ((m = /^\/actions\/runs\/(\d+)\/approvals$/.exec(path)) && method === 'GET') {
      // GitHub's shape: the review history oldest first, 200 [] for a run nobody reviewed.
      const list = approvals.get(Number(m[1])) ?? [];
      return {
        status: 200,
        json: list.map((a, i) => ({
          environments: [{ id: i + 1, name: a.environment }],
          state: 'approved',
          comment: a.comment,
          user: user(a.login),
        })),
      };
    }
    if ((m = /^\/environments\/([^/]+)$/.exec(path)) && method === 'GET') {
      const wanted = decodeURIComponent(m[1]!);
      // GitHub compares environment names case-insensitively.
      const found = Object.entries(options.environments ?? {}).find(
        ([name]) => name.toLowerCase() === wanted.toLowerCase(),
      );
      if (!found) return { status: 404, json: { message: 'Not Found' } };
      const [name, settings] = found;
      return {
        status: 200,
        json: {
          id: 1,
          name,
          protection_rules: settings.reviewers.length
            ? [
                {
                  id: 1,
                  type: 'required_reviewers',
                  reviewers: settings.reviewers.map((r) =>
                    r.includes('/')
                      ? { type: 'Team', reviewer: { slug: r.split('/')[1], name: r } }
                      : { type: 'User', reviewer: user(r) },
                  ),
                },
              ]
            : [],
          created_at: now(),
          updated_at: now(),
        },
      };
    }
    if (method === 'GET' && path === '/issues') {
      const state = q.get('state') ?? 'open';
      const wanted = (q.get('labels') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const has = (labels: string[], name: string) =>
        labels.some((l) => l.toLowerCase() === name.toLowerCase());
      const list = [
        ...issues
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => wanted.every((w) => has(i.labels, w)))
          .map(issueJson),
        ...(state === 'closed'
          ? []
          : pulls
              .filter((p) => wanted.every((w) => has(p.labels, w)))
              .map((p) => ({
                ...issueJson({ number: p.number, title: p.title, labels: p.labels, state: 'open' }),
                pull_request: { url: htmlUrl('pull', p.number) },
              }))),
      ].sort((a, b) => b.number - a.number);
      return { status: 200, json: list };
    }
    if (method === 'POST' && path === '/issues') {
      const input = parseJson(body) as { title?: string; body?: string; labels?: string[] } | undefined;
      if (!input?.title) return { status: 422, json: { message: 'Validation Failed: title is required' } };
      const number = Math.max(0, ...pulls.map((p) => p.number), ...issues.map((i) => i.number)) + 1;
      const issue: SimIssue = {
        number,
        title: input.title,
        labels: input.labels ?? [],
        state: 'open',
        ...(input.body ? { body: input.body } : {}),
      };
      issues.push(issue);
      writes.push({ request: `POST ${prefix}/issues`, summary: `opened issue #${number} "${input.title}"` });
      return { status: 201, json: issueJson(issue) };
    }
    if ((m = /^\/issues\/(\d+)\/labels$/.exec(path)) && method === 'POST') {
      const n = Number(m[1]);
      const labels = labelsOf(n);
      if (!labels) return { status: 404, json: { message: 'Not Found' } };
      const input = parseJson(body) as { labels?: string[] } | string[] | undefined;
      const add = Array.isArray(input) ? input : (input?.labels ?? []);
      for (const l of add) if (!labels.includes(l)) labels.push(l);
      writes.push({
        request: `POST ${prefix}/issues/${n}/labels`,
        summary: `#${n} +label ${add.join(', ')}`,
      });
      return { status: 200, json: labels.map(label) };
    }
    if ((m = /^\/issues\/(\d+)\/labels\/(.+)$/.exec(path)) && method === 'DELETE') {
      const n = Number(m[1]);
      const name = decodeURIComponent(m[2]!);
      const labels = labelsOf(n);
      if (!labels || !labels.includes(name))
        return { status: 404, json: { message: 'Label does not exist' } };
      labels.splice(labels.indexOf(name), 1);
      writes.push({
        request: `DELETE ${prefix}/issues/${n}/labels/${name}`,
        summary: `#${n} -label ${name}`,
      });
      return { status: 200, json: labels.map(label) };
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      const n = Number(m[1]);
      if (!labelsOf(n)) return { status: 404, json: { message: 'Not Found' } };
      const list = comments.get(n) ?? [];
      const asJson = (c: StoredComment) => ({
        id: c.id,
        body: c.body,
        user: user(options.actor ?? 'canary-conductor[bot]'),
        created_at: c.created_at,
        updated_at: c.created_at,
        html_url: `${htmlUrl('issues', n)}#issuecomment-${c.id}`,
      });
      if (method === 'GET') return { status: 200, json: list.map(asJson) };
      if (method === 'POST') {
        const input = parseJson(body) as { body?: string } | undefined;
        const c: StoredComment = { id: nextId++, body: input?.body ?? '', created_at: now() };
        comments.set(n, [...list, c]);
        writes.push({ request: `POST ${prefix}/issues/${n}/comments`, summary: `comment on #${n}` });
        return { status: 201, json: asJson(c) };
      }
    }
    if ((m = /^\/commits\/([^/]+)\/status$/.exec(path)) && method === 'GET') {
      const sha = decodeURIComponent(m[1]!);
      const all = statuses.get(sha) ?? [];
      const latest = new Map<string, StoredStatus>();
      for (const s of all) latest.set(s.context, s);
      const list = [...latest.values()];
      const state = list.some((s) => s.state === 'failure' || s.state === 'error')
        ? 'failure'
        : list.some((s) => s.state === 'pending') || list.length === 0
          ? 'pending'
          : 'success';
      return {
        status: 200,
        json: {
          state,
          sha,
          total_count: list.length,
          statuses: list.map((s, i) => ({ id: i + 1, ...s, updated_at: s.created_at })),
        },
      };
    }
    if ((m = /^\/statuses\/([^/]+)$/.exec(path)) && method === 'POST') {
      const sha = decodeURIComponent(m[1]!);
      const input = parseJson(body) as
        { state?: string; context?: string; description?: string; target_url?: string } | undefined;
      if (!input?.state) return { status: 422, json: { message: 'Validation Failed: state is required' } };
      const s: StoredStatus = {
        context: input.context ?? 'default',
        state: input.state,
        description: input.description ?? null,
        target_url: input.target_url ?? null,
        created_at: now(),
      };
      statuses.set(sha, [...(statuses.get(sha) ?? []), s]);
      writes.push({
        request: `POST ${prefix}/statuses/${sha.slice(0, 7)}`,
        summary: `${s.context}=${s.state} on ${sha.slice(0, 7)}`,
      });
      return { status: 201, json: { id: nextId++, ...s, updated_at: s.created_at } };
    }
    return {
      status: 404,
      json: { message: `Not Found: ${method} ${url.pathname} is not part of the simulated GitHub API` },
    };
  });
  base = server.url;
  return {
    url: server.url,
    close: server.close,
    owner,
    repo,
    writes,
    issues,
    pull: (n) => pulls.find((p) => p.number === n),
    approve(runId, environment, login, comment) {
      approvals.set(runId, [...(approvals.get(runId) ?? []), { environment, login, comment }]);
    },
  };
}
