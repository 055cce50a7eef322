/**
 * The REST subset the project uses, one `route(operationId, 'METHOD /path', handler)` per OpenAPI operation.
 * Handlers read and change the state and answer the way GitHub documents (status codes, pagination, error bodies).
 */
import type { IssueRecord } from './state.js';
import { fakeSha, ReviewerNotFound } from './state.js';
import * as shape from './shapes.js';
import { bodyRecord, created, invalid, invalidField, notFound } from './answers.js';
import { route, type Route, type RouteAnswer, type RouteContext } from './route.js';

/**
 * A created release's body: the given one, followed by GitHub's generated notes when asked. The emulator has no
 * merge history to list, so its generated notes are the part GitHub always writes: the full-changelog link.
 */
function releaseBody(ctx: RouteContext, tagName: string, body: Record<string, unknown>): string {
  const given = typeof body['body'] === 'string' ? body['body'] : '';
  if (body['generate_release_notes'] !== true) return given;
  const generated = `**Full Changelog**: ${ctx.shaper.html}/${ctx.state.owner}/${ctx.state.repo}/commits/${tagName}`;
  return given ? `${given.replace(/\n+$/, '')}\n\n${generated}` : generated;
}

function intParam(ctx: RouteContext, name: string): number | undefined {
  const raw = ctx.params[name] ?? '';
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** GitHub's page-number pagination: per_page default 30 (max 100), page from 1, RFC 8288 Link header. */
export function paginate<T>(ctx: RouteContext, items: T[], defaultPerPage = 30): RouteAnswer & { body: T[] } {
  const perPage = Math.min(
    100,
    Math.max(1, Number(ctx.query.get('per_page') ?? defaultPerPage) || defaultPerPage),
  );
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const linkTo = (n: number) => {
    const u = new URL(ctx.url);
    u.searchParams.set('per_page', String(perPage));
    u.searchParams.set('page', String(n));
    return `<${u.toString()}>`;
  };
  const links: string[] = [];
  if (page < last) links.push(`${linkTo(page + 1)}; rel="next"`, `${linkTo(last)}; rel="last"`);
  if (page > 1) links.push(`${linkTo(1)}; rel="first"`, `${linkTo(Math.min(page - 1, last))}; rel="prev"`);
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

function stateFilter(ctx: RouteContext): 'open' | 'closed' | 'all' | undefined {
  const value = ctx.query.get('state') ?? 'open';
  return value === 'open' || value === 'closed' || value === 'all' ? value : undefined;
}

function issueOr404(ctx: RouteContext): IssueRecord | undefined {
  const n = intParam(ctx, 'issue_number') ?? intParam(ctx, 'pull_number');
  return n === undefined ? undefined : ctx.state.issues.get(n);
}

function pullOr404(ctx: RouteContext): IssueRecord | undefined {
  const issue = issueOr404(ctx);
  return issue?.pull ? issue : undefined;
}

function labelNamesFrom(body: unknown): string[] | undefined {
  const raw = Array.isArray(body) ? body : bodyRecord(body)['labels'];
  if (!Array.isArray(raw)) return undefined;
  const names = raw.map((l) =>
    typeof l === 'string'
      ? l
      : typeof bodyRecord(l)['name'] === 'string'
        ? (bodyRecord(l)['name'] as string)
        : undefined,
  );
  return names.every((n): n is string => typeof n === 'string' && n.length > 0) ? names : undefined;
}

const newestFirst = (a: IssueRecord, b: IssueRecord) => b.number - a.number;

/** A page of `items`, each answered in GitHub's shape. */
function paginateAs<T>(ctx: RouteContext, items: T[], toJson: (item: T) => unknown): RouteAnswer {
  const page = paginate(ctx, items);
  return { ...page, body: page.body.map(toJson) };
}

export const ROUTES: Route[] = [
  route('pulls/list', 'GET /repos/{owner}/{repo}/pulls', (ctx) => {
    const state = stateFilter(ctx);
    if (!state) return invalid(`Validation Failed: state must be one of open, closed, all`);
    const base = ctx.query.get('base');
    const head = ctx.query.get('head');
    const pulls = [...ctx.state.issues.values()]
      .filter((i) => i.pull && (state === 'all' || i.state === state))
      .filter((i) => base === null || i.pull!.base === base)
      .filter((i) => head === null || `${ctx.state.owner}:${i.pull!.head}` === head)
      .sort(newestFirst);
    return paginateAs(ctx, pulls, (p) => shape.pullSimple(ctx.shaper, p));
  }),
  route('pulls/get', 'GET /repos/{owner}/{repo}/pulls/{pull_number}', (ctx) => {
    const pull = pullOr404(ctx);
    return pull ? { status: 200, body: shape.pullFull(ctx.shaper, pull) } : notFound();
  }),
  route('pulls/list-files', 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', (ctx) => {
    const pull = pullOr404(ctx);
    if (!pull) return notFound();
    // GitHub lists at most 3,000 files of a pull request.
    return paginateAs(ctx, pull.pull!.files.slice(0, 3000), (f) => shape.diffEntry(ctx.shaper, pull, f));
  }),
  route('issues/add-labels', 'POST /repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const issue = issueOr404(ctx);
    if (!issue) return notFound();
    const names = labelNamesFrom(ctx.body);
    if (!names || names.length === 0)
      return invalid('Invalid request.\n\nNo labels were given.', [
        { resource: 'Label', field: 'labels', code: 'missing_field' },
      ]);
    for (const name of names) ctx.state.addLabelTo(issue, name);
    return { status: 200, body: shape.labelsOf(ctx.shaper, issue) };
  }),
  route('issues/list-labels-on-issue', 'GET /repos/{owner}/{repo}/issues/{issue_number}/labels', (ctx) => {
    const issue = issueOr404(ctx);
    if (!issue) return notFound();
    return paginate(ctx, shape.labelsOf(ctx.shaper, issue));
  }),
  route('issues/remove-label', 'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', (ctx) => {
    const issue = issueOr404(ctx);
    if (!issue) return notFound();
    const name = ctx.params['name'] ?? '';
    const index = issue.labels.findIndex((l) => l.toLowerCase() === name.toLowerCase());
    if (index < 0) return { status: 404, body: shape.errorBody('Label does not exist', shape.DOCS, 404) };
    issue.labels.splice(index, 1);
    issue.updatedAt = ctx.state.now();
    return { status: 200, body: shape.labelsOf(ctx.shaper, issue) };
  }),
  route('issues/create-comment', 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
    const issue = issueOr404(ctx);
    if (!issue) return notFound();
    const body = bodyRecord(ctx.body)['body'];
    if (typeof body !== 'string' || body.length === 0)
      return invalidField('IssueComment', 'body', 'missing_field');
    const now = ctx.state.now();
    const comment = {
      id: ctx.state.nextId(),
      issueNumber: issue.number,
      body,
      user: ctx.state.actor,
      createdAt: now,
      updatedAt: now,
    };
    ctx.state.comments.push(comment);
    return created(shape.comment(ctx.shaper, comment));
  }),
  route('issues/list-comments', 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (ctx) => {
    const issue = issueOr404(ctx);
    if (!issue) return notFound();
    return paginateAs(
      ctx,
      ctx.state.comments.filter((c) => c.issueNumber === issue.number),
      (c) => shape.comment(ctx.shaper, c),
    );
  }),
  route('issues/create', 'POST /repos/{owner}/{repo}/issues', (ctx) => {
    const body = bodyRecord(ctx.body);
    const title = body['title'];
    if ((typeof title !== 'string' && typeof title !== 'number') || String(title).length === 0) {
      return invalidField('Issue', 'title', 'missing_field');
    }
    const labels = body['labels'] === undefined ? [] : labelNamesFrom({ labels: body['labels'] });
    if (!labels) return invalidField('Issue', 'labels', 'invalid');
    const issue = ctx.state.addIssue({
      title: String(title),
      labels,
      ...(typeof body['body'] === 'string' ? { body: body['body'] } : {}),
    });
    return created(shape.issue(ctx.shaper, issue));
  }),
  route('issues/list-for-repo', 'GET /repos/{owner}/{repo}/issues', (ctx) => {
    const state = stateFilter(ctx);
    if (!state) return invalid('Validation Failed: state must be one of open, closed, all');
    const wanted = (ctx.query.get('labels') ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    // Like GitHub, the issue list includes pull requests (marked by `pull_request`).
    const issues = [...ctx.state.issues.values()]
      .filter((i) => state === 'all' || i.state === state)
      .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
      .sort(newestFirst);
    return paginateAs(ctx, issues, (i) => shape.issue(ctx.shaper, i));
  }),
  route('repos/create-commit-status', 'POST /repos/{owner}/{repo}/statuses/{sha}', (ctx) => {
    const body = bodyRecord(ctx.body);
    const state = body['state'];
    if (state !== 'error' && state !== 'failure' && state !== 'pending' && state !== 'success') {
      return invalidField('Status', 'state', 'custom', 'state is not included in the list');
    }
    const sha = ctx.state.resolveCommitish(ctx.params['sha'] ?? '');
    if (!sha) return invalid(`No commit found for SHA: ${ctx.params['sha'] ?? ''}`);
    const status = ctx.state.addStatus(sha, {
      state,
      context: typeof body['context'] === 'string' ? body['context'] : 'default',
      ...(typeof body['description'] === 'string' ? { description: body['description'] } : {}),
      ...(typeof body['target_url'] === 'string' ? { target_url: body['target_url'] } : {}),
    });
    return created(shape.status(ctx.shaper, status));
  }),
  route('repos/get-combined-status-for-ref', 'GET /repos/{owner}/{repo}/commits/{ref+}/status', (ctx) => {
    const ref = ctx.params['ref'] ?? '';
    const sha = ctx.state.resolveCommitish(ref);
    if (!sha)
      return { status: 404, body: shape.errorBody(`No commit found for SHA: ${ref}`, shape.DOCS, 404) };
    const latest = ctx.state.latestStatuses(sha);
    const page = paginate(ctx, latest, 100);
    return { ...page, body: shape.combinedStatus(ctx.shaper, sha, ref, page.body, latest.length) as never };
  }),
  route('git/get-ref', 'GET /repos/{owner}/{repo}/git/ref/{ref+}', (ctx) => {
    const ref = `refs/${ctx.params['ref'] ?? ''}`;
    const sha = ctx.state.refs.get(ref);
    return sha ? { status: 200, body: shape.gitRef(ctx.shaper, ref, sha) } : notFound();
  }),
  route('git/create-ref', 'POST /repos/{owner}/{repo}/git/refs', (ctx) => {
    const body = bodyRecord(ctx.body);
    const ref = body['ref'];
    const sha = body['sha'];
    if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref))
      return invalid("Reference name must start with 'refs/' and have at least two slashes.");
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) return invalid('Object does not exist');
    if (ctx.state.refs.has(ref)) return invalid('Reference already exists');
    ctx.state.refs.set(ref, sha);
    return created(shape.gitRef(ctx.shaper, ref, sha));
  }),
  route('git/update-ref', 'PATCH /repos/{owner}/{repo}/git/refs/{ref+}', (ctx) => {
    const ref = `refs/${ctx.params['ref'] ?? ''}`;
    const sha = bodyRecord(ctx.body)['sha'];
    if (!ctx.state.refs.has(ref)) return invalid('Reference does not exist');
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) return invalid('Object does not exist');
    // The emulator keeps no commit graph, so it cannot refuse a non-fast-forward move as GitHub would.
    ctx.state.refs.set(ref, sha);
    return { status: 200, body: shape.gitRef(ctx.shaper, ref, sha) };
  }),
  route('git/create-tag', 'POST /repos/{owner}/{repo}/git/tags', (ctx) => {
    const body = bodyRecord(ctx.body);
    const { tag, message, object, type } = body;
    if (
      typeof tag !== 'string' ||
      typeof message !== 'string' ||
      typeof object !== 'string' ||
      typeof type !== 'string'
    ) {
      return invalid('Invalid request.\n\n"tag", "message", "object" and "type" are required.');
    }
    if (!/^[0-9a-f]{40}$/.test(object)) return invalid('Object does not exist');
    const tagger = bodyRecord(body['tagger']);
    const sha = fakeSha(`tag:${tag}:${object}:${message}:${ctx.state.nextId()}`);
    const tagObject = {
      sha,
      tag,
      message,
      object: { sha: object, type },
      tagger: {
        name: typeof tagger['name'] === 'string' ? tagger['name'] : ctx.state.actor,
        email:
          typeof tagger['email'] === 'string'
            ? tagger['email']
            : '41898282+github-actions[bot]@users.noreply.github.com',
        date:
          typeof tagger['date'] === 'string'
            ? tagger['date']
            : new Date(ctx.state.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
    ctx.state.tagObjects.set(sha, tagObject);
    return created(shape.gitTag(ctx.shaper, tagObject));
  }),
  route('repos/create-release', 'POST /repos/{owner}/{repo}/releases', (ctx) => {
    const body = bodyRecord(ctx.body);
    const tagName = body['tag_name'];
    if (typeof tagName !== 'string' || tagName === '')
      return invalidField('Release', 'tag_name', 'missing_field');
    if ([...ctx.state.releases.values()].some((r) => r.tagName === tagName)) {
      return invalidField('Release', 'tag_name', 'already_exists');
    }
    const target =
      typeof body['target_commitish'] === 'string' ? body['target_commitish'] : ctx.state.defaultBranch;
    const draft = body['draft'] === true;
    if (!draft && !ctx.state.refs.has(`refs/tags/${tagName}`)) {
      // Publishing a release for a tag that does not exist yet creates it from target_commitish.
      const sha = ctx.state.resolveCommitish(target);
      if (!sha) return invalidField('Release', 'target_commitish', 'invalid');
      ctx.state.refs.set(`refs/tags/${tagName}`, sha);
    }
    const release = ctx.state.addRelease(
      {
        tag_name: tagName,
        target_commitish: target,
        draft,
        prerelease: body['prerelease'] === true,
        ...(typeof body['name'] === 'string' ? { name: body['name'] } : {}),
        ...(typeof body['body'] === 'string' || body['generate_release_notes'] === true
          ? { body: releaseBody(ctx, tagName, body) }
          : {}),
      },
      ctx.state.actor,
    );
    return created(shape.release(ctx.shaper, release));
  }),
  route('repos/get-release-by-tag', 'GET /repos/{owner}/{repo}/releases/tags/{tag+}', (ctx) => {
    // Only published releases are found by tag; drafts have no tag yet on GitHub.
    const release = [...ctx.state.releases.values()].find((r) => r.tagName === ctx.params['tag'] && !r.draft);
    return release ? { status: 200, body: shape.release(ctx.shaper, release) } : notFound();
  }),
  route('repos/update-release', 'PATCH /repos/{owner}/{repo}/releases/{release_id}', (ctx) => {
    const id = intParam(ctx, 'release_id');
    const release = id === undefined ? undefined : ctx.state.releases.get(id);
    if (!release) return notFound();
    const body = bodyRecord(ctx.body);
    if (typeof body['tag_name'] === 'string') release.tagName = body['tag_name'];
    if (typeof body['target_commitish'] === 'string') release.targetCommitish = body['target_commitish'];
    if (typeof body['name'] === 'string') release.name = body['name'];
    if (typeof body['body'] === 'string') release.body = body['body'];
    if (typeof body['prerelease'] === 'boolean') release.prerelease = body['prerelease'];
    if (typeof body['draft'] === 'boolean') {
      if (release.draft && !body['draft']) {
        release.publishedAt = ctx.state.now();
        if (!ctx.state.refs.has(`refs/tags/${release.tagName}`)) {
          const sha = ctx.state.resolveCommitish(release.targetCommitish);
          if (sha) ctx.state.refs.set(`refs/tags/${release.tagName}`, sha);
        }
      }
      release.draft = body['draft'];
    }
    release.updatedAt = ctx.state.now();
    return { status: 200, body: shape.release(ctx.shaper, release) };
  }),
  route('repos/create-deployment', 'POST /repos/{owner}/{repo}/deployments', (ctx) => {
    const body = bodyRecord(ctx.body);
    const ref = body['ref'];
    if (typeof ref !== 'string' || ref === '') return invalidField('Deployment', 'ref', 'missing_field');
    const sha = ctx.state.resolveCommitish(ref);
    if (!sha) return { status: 422, body: shape.validationError(`No ref found for: ${ref}`) };
    const required = body['required_contexts'];
    const latest = ctx.state.latestStatuses(sha);
    // GitHub verifies every status context when required_contexts is omitted, only the listed ones otherwise.
    const checked = Array.isArray(required)
      ? latest.filter((s) => (required as unknown[]).includes(s.context))
      : latest;
    const missing = Array.isArray(required)
      ? (required as string[]).filter((c) => !latest.some((s) => s.context === c))
      : [];
    const failing = checked.filter((s) => s.state !== 'success');
    if (failing.length > 0 || missing.length > 0) {
      return {
        status: 409,
        body: shape.errorBody(
          `Conflict: Commit status checks failed for ${ref}.`,
          'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
          409,
        ),
      };
    }
    const environment = typeof body['environment'] === 'string' ? body['environment'] : 'production';
    const now = ctx.state.now();
    const deployment = {
      id: ctx.state.nextId(),
      sha,
      ref,
      task: typeof body['task'] === 'string' ? body['task'] : 'deploy',
      environment,
      payload:
        (typeof body['payload'] === 'object' && body['payload'] !== null) ||
        typeof body['payload'] === 'string'
          ? (body['payload'] as Record<string, unknown> | string)
          : {},
      description: typeof body['description'] === 'string' ? body['description'] : null,
      productionEnvironment:
        typeof body['production_environment'] === 'boolean'
          ? body['production_environment']
          : environment === 'production',
      transientEnvironment: body['transient_environment'] === true,
      creator: ctx.state.actor,
      createdAt: now,
      updatedAt: now,
    };
    ctx.state.deployments.set(deployment.id, deployment);
    return created(shape.deployment(ctx.shaper, deployment));
  }),
  route(
    'repos/create-deployment-status',
    'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    (ctx) => {
      const id = intParam(ctx, 'deployment_id');
      const deployment = id === undefined ? undefined : ctx.state.deployments.get(id);
      if (!deployment) return notFound();
      const body = bodyRecord(ctx.body);
      const states = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
      if (typeof body['state'] !== 'string' || !states.includes(body['state'])) {
        return invalidField('DeploymentStatus', 'state', 'invalid');
      }
      const now = ctx.state.now();
      const status = {
        id: ctx.state.nextId(),
        deploymentId: deployment.id,
        state: body['state'],
        description: typeof body['description'] === 'string' ? body['description'] : '',
        environment: typeof body['environment'] === 'string' ? body['environment'] : deployment.environment,
        environmentUrl: typeof body['environment_url'] === 'string' ? body['environment_url'] : '',
        logUrl:
          typeof body['log_url'] === 'string'
            ? body['log_url']
            : typeof body['target_url'] === 'string'
              ? body['target_url']
              : '',
        creator: ctx.state.actor,
        createdAt: now,
        updatedAt: now,
      };
      ctx.state.deploymentStatuses.push(status);
      return created(shape.deploymentStatus(ctx.shaper, status));
    },
  ),
  route(
    'repos/create-or-update-environment',
    'PUT /repos/{owner}/{repo}/environments/{environment_name}',
    (ctx) => {
      const body = bodyRecord(ctx.body);
      const name = ctx.params['environment_name'] ?? '';
      if (name === '' || name.length > 255) return invalidField('Environment', 'name', 'invalid');
      const wait = body['wait_timer'];
      if (
        wait !== undefined &&
        (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0 || wait > 43200)
      ) {
        return invalidField('Environment', 'wait_timer', 'invalid', 'wait_timer must be 0..43200 minutes');
      }
      const reviewers = Array.isArray(body['reviewers'])
        ? (body['reviewers'] as { type: 'User' | 'Team'; id: number }[])
        : undefined;
      if (reviewers && reviewers.length > 6)
        return invalidField('Environment', 'reviewers', 'invalid', 'at most 6 reviewers');
      const existing = ctx.state.environments.get(name);
      try {
        const env = ctx.state.putEnvironment(name, {
          ...(reviewers
            ? { reviewers }
            : existing
              ? {
                  reviewers: existing.reviewers.map((r) =>
                    r.type === 'User'
                      ? { type: 'User' as const, id: r.user.id }
                      : { type: 'Team' as const, id: r.team.id },
                  ),
                }
              : {}),
          wait_timer: typeof wait === 'number' ? wait : (existing?.waitTimer ?? 0),
          prevent_self_review:
            typeof body['prevent_self_review'] === 'boolean'
              ? body['prevent_self_review']
              : (existing?.preventSelfReview ?? false),
        });
        return { status: 200, body: shape.environment(ctx.shaper, env) };
      } catch (error) {
        if (error instanceof ReviewerNotFound)
          return invalidField('Environment', 'reviewers', 'invalid', error.message);
        throw error;
      }
    },
  ),
  route('repos/get-environment', 'GET /repos/{owner}/{repo}/environments/{environment_name}', (ctx) => {
    const env = ctx.state.environments.get(ctx.params['environment_name'] ?? '');
    return env ? { status: 200, body: shape.environment(ctx.shaper, env) } : notFound();
  }),
  route('actions/get-reviews-for-run', 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', (ctx) => {
    const id = intParam(ctx, 'run_id');
    const approvals = id === undefined ? undefined : ctx.state.runApprovals.get(id);
    // GitHub answers 404 for a run it never saw, and 200 [] for one nobody reviewed (no environment with
    // reviewers, or none reviewed yet).
    if (!approvals) return notFound();
    return { status: 200, body: approvals.map((a) => shape.approval(ctx.shaper, a)) };
  }),
  route('repos/get-content', 'GET /repos/{owner}/{repo}/contents/{path+}', (ctx) => {
    const path = (ctx.params['path'] ?? '').replace(/^\/+|\/+$/g, '');
    const ref = ctx.query.get('ref') ?? ctx.state.defaultBranch;
    const text = ctx.state.contents.get(`${ref}:${path}`);
    if (text !== undefined) {
      if (
        ctx.accept?.includes('application/vnd.github.raw') ||
        ctx.accept?.includes('application/vnd.github.v3.raw')
      ) {
        return {
          status: 200,
          text,
          headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
        };
      }
      return { status: 200, body: shape.contentFile(ctx.shaper, path, ref, text) };
    }
    const prefix = `${ref}:${path}/`;
    const children = new Map<string, { kind: 'file' | 'dir'; text: string }>();
    for (const [key, value] of ctx.state.contents) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const [first, ...more] = rest.split('/');
      children.set(
        `${path}/${first}`,
        more.length ? { kind: 'dir', text: '' } : { kind: 'file', text: value },
      );
    }
    if (children.size === 0) return notFound();
    return {
      status: 200,
      body: [...children.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([p, c]) => shape.contentDirectoryEntry(ctx.shaper, p, ref, c.kind, c.text)),
    };
  }),
];

export interface MatchedRoute {
  route: Route;
  params: Record<string, string>;
}

/** A matcher over a route table: `{name}` matches one path segment, `{name+}` the rest of the path. */
export function createRouteMatcher(
  routes: Route[],
): (method: string, path: string) => MatchedRoute | undefined {
  const compiled = routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)(\+?)\}/g, (_all, name: string, rest: string) => {
      names.push(name);
      return rest ? '(.+)' : '([^/]+)';
    });
    return { route, names, regex: new RegExp(`^${source}/?$`) };
  });
  return (method, path) => {
    for (const { route, names, regex } of compiled) {
      if (route.method !== method) continue;
      const match = regex.exec(path);
      if (!match) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  };
}

export const matchRoute = createRouteMatcher(ROUTES);
