/**
 * Holds the GitHub emulator to GitHub's official OpenAPI description: every route is driven through
 * the project's real client and API layer, and every answer (success and error) is validated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as gh from '../../src/github/api/index.js';
import { clientForEmulator, TEST_TOKEN } from '../github-emulator/client.js';
import {
  fakeSha,
  ROUTES,
  startGitHubEmulator,
  type GitHubEmulator,
  type RecordedRequest,
} from '../github-emulator/index.js';
import { sharedValidator } from './openapi-validator.js';

const validator = sharedValidator();
let emulator: GitHubEmulator;

const HEAD_SHA = fakeSha('contract-head');

beforeAll(async () => {
  emulator = await startGitHubEmulator({
    token: TEST_TOKEN,
    // The client paces writes 1 s apart on GitHub's clock; a fast emulated clock keeps that in milliseconds.
    clockScale: 1000,
    seed: {
      users: [
        { login: 'sre-lead', id: 501 },
        { login: 'quant-lead', id: 502 },
      ],
      teams: [{ slug: 'risk', id: 601 }],
      pulls: [
        ...Array.from({ length: 205 }, (_, i) => ({
          number: i + 1,
          title: `change ${i + 1}`,
          files: ['src/a.ts'],
        })),
        {
          number: 300,
          title: 'schema change',
          base: 'main',
          head_sha: HEAD_SHA,
          labels: ['schema-migration'],
          files: ['schemas/order.json', 'docs/x.md'],
          user: 'quant-lead',
        },
        { number: 301, title: 'draft', draft: true, base: 'release/1.x' },
      ],
      issues: [{ number: 400, title: 'pager is down', labels: ['blocker'] }],
      refs: [{ ref: 'refs/tags/v1.3.0', sha: fakeSha('v1.3.0') }],
      releases: [{ tag_name: 'v1.3.0', name: 'v1.3.0' }],
      runApprovals: {
        77: [{ environments: ['canary-1'], state: 'approved', user: 'sre-lead', comment: 'p95 fine' }],
        78: [],
      },
      contents: { '.github/canary.yml': 'version: 1\n', 'docs/a.md': '# a', 'docs/b/c.md': '# c' },
    },
  });
  await driveEveryRoute(emulator);
}, 30_000);

afterAll(async () => {
  await emulator.close();
});

/** Calls every route, including the error answers the project depends on (404, 409, 422). */
async function driveEveryRoute(em: GitHubEmulator): Promise<void> {
  const { client, repo } = clientForEmulator(em);
  const all: unknown[] = [];
  for await (const pull of gh.listOpenPulls(client, repo)) all.push(pull);
  for await (const pull of gh.listOpenPulls(client, repo, { base: 'release/1.x' })) all.push(pull);
  await gh.getPull(client, repo, 300);
  await expect(gh.getPull(client, repo, 400)).rejects.toMatchObject({ status: 404 });
  for await (const file of gh.listPullFiles(client, repo, 300)) all.push(file);
  await gh.addLabels(client, repo, 300, ['hold-for-canary']);
  await expect(gh.addLabels(client, repo, 9999, ['x'])).rejects.toMatchObject({ status: 404 });
  await gh.listLabels(client, repo, 300);
  await gh.removeLabel(client, repo, 300, 'hold-for-canary');
  await gh.removeLabel(client, repo, 300, 'hold-for-canary');
  await gh.createComment(client, repo, 300, 'Frozen for the v1.4.0 canary.');
  for await (const comment of gh.listComments(client, repo, 300)) all.push(comment);
  await gh.createIssue(client, repo, {
    title: 'RCA v1.4.0',
    labels: ['incident'],
    body: 'owners: @sre-lead',
  });
  for await (const issue of gh.listIssues(client, repo, ['blocker'], 'open')) all.push(issue);
  for await (const issue of gh.listIssues(client, repo, [], 'all', { includePullRequests: true }))
    all.push(issue);
  await gh.createCommitStatus(client, repo, {
    sha: HEAD_SHA,
    state: 'failure',
    context: 'release-freeze',
    description: 'frozen',
  });
  await gh.getCombinedStatus(client, repo, HEAD_SHA);
  await gh.getCombinedStatus(client, repo, 'main');
  await expect(gh.getCombinedStatus(client, repo, 'no-such-branch')).rejects.toMatchObject({ status: 404 });
  await gh.getRef(client, repo, 'tags/v1.3.0');
  expect(await gh.getRef(client, repo, 'tags/v9.9.9')).toBeNull();
  const tag = await gh.createTagObject(client, repo, {
    tag: 'v1.4.0',
    message: 'canary v1.4.0',
    objectSha: HEAD_SHA,
    tagger: { name: 'bot', email: 'bot@example.com', date: '2026-01-05T10:00:00Z' },
  });
  if (!tag.performed) throw new Error('write gate skipped a write outside dry-run');
  await gh.createRef(client, repo, 'refs/tags/v1.4.0', tag.data.sha);
  await expect(gh.createRef(client, repo, 'refs/tags/v1.4.0', tag.data.sha)).rejects.toMatchObject({
    status: 422,
  });
  await gh.updateRef(client, repo, 'tags/v1.4.0', HEAD_SHA, true);
  const release = await gh.createRelease(client, repo, 'v1.4.0', {
    name: 'v1.4.0',
    body: 'canary passed',
    targetCommitish: HEAD_SHA,
  });
  if (!release.performed) throw new Error('write gate skipped a write outside dry-run');
  await expect(gh.createRelease(client, repo, 'v1.4.0')).rejects.toMatchObject({ status: 422 });
  await gh.getReleaseByTag(client, repo, 'v1.4.0');
  expect(await gh.getReleaseByTag(client, repo, 'v0.0.1')).toBeNull();
  await gh.updateRelease(client, repo, release.data.id, { body: 'canary passed; RCA none' });
  await expect(
    gh.createDeployment(client, repo, { ref: HEAD_SHA, environment: 'canary-1' }),
  ).rejects.toMatchObject({ status: 409 });
  const deployment = await gh.createDeployment(client, repo, {
    ref: HEAD_SHA,
    environment: 'canary-1',
    requiredContexts: [],
    payload: { weight: 1 },
  });
  if (!deployment.performed) throw new Error('write gate skipped a write outside dry-run');
  await gh.createDeploymentStatus(client, repo, deployment.data.id, {
    state: 'in_progress',
    logUrl: `${em.serverUrl}/run/1`,
  });
  await expect(gh.createDeploymentStatus(client, repo, 424242, { state: 'success' })).rejects.toMatchObject({
    status: 404,
  });
  await gh.putEnvironment(client, repo, 'canary-1', {
    reviewers: [
      { type: 'User', id: 501 },
      { type: 'Team', id: 601 },
    ],
    waitTimer: 5,
    preventSelfReview: true,
  });
  await expect(
    gh.putEnvironment(client, repo, 'canary-5', { reviewers: [{ type: 'User', id: 999_999 }] }),
  ).rejects.toMatchObject({ status: 422 });
  await gh.getEnvironment(client, repo, 'canary-1');
  // GitHub compares environment names case-insensitively and keeps the name the environment was created with.
  expect(await gh.getEnvironment(client, repo, 'CANARY-1')).toMatchObject({ name: 'canary-1' });
  await gh.listRunApprovals(client, repo, 77);
  // A run nobody reviewed: 200 with an empty list; a run GitHub never saw: 404.
  expect(await gh.listRunApprovals(client, repo, 78)).toEqual([]);
  await expect(gh.listRunApprovals(client, repo, 79)).rejects.toMatchObject({ status: 404 });
  await gh.getContent(client, repo, '.github/canary.yml');
  await expect(gh.getContent(client, repo, 'docs')).rejects.toThrow(/directory/);
  expect(await gh.getContent(client, repo, 'missing.txt')).toBeNull();
  expect(all.length).toBeGreaterThan(205);
}

function answered(): RecordedRequest[] {
  return emulator.requests.filter((r) => r.operationId !== null);
}

describe('GitHub emulator against the official OpenAPI description', () => {
  it('answered every request through a known route', () => {
    expect(emulator.requests.length).toBeGreaterThan(40);
    expect(emulator.requests.filter((r) => r.operationId === null)).toEqual([]);
  });

  it('serves every emulator route and each one is documented in the subset', () => {
    const driven = new Set(
      answered()
        .filter((r) => r.status >= 200 && r.status < 300)
        .map((r) => r.operationId),
    );
    for (const route of ROUTES) {
      const op = validator.operation(route.operationId);
      expect(`${op.method} ${op.path}`).toBe(`${route.method} ${route.path.replace('+}', '}')}`);
      expect(driven, `no successful call of ${route.operationId}`).toContain(route.operationId);
    }
  });

  it('answers every request with a body that matches the documented schema for its status', () => {
    const failures: string[] = [];
    for (const r of answered()) {
      const outcome = validator.validateResponse(r.operationId!, r.status, r.responseBody);
      if (!outcome.valid)
        failures.push(`${r.method} ${r.path} -> ${r.status}: ${outcome.errors.slice(0, 5).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('received request bodies that match the documented request schemas (the API layer sends what GitHub accepts)', () => {
    const failures: string[] = [];
    for (const r of answered()) {
      if (r.body === undefined) continue;
      const outcome = validator.validateRequestBody(r.operationId!, r.body);
      if (!outcome.valid) failures.push(`${r.method} ${r.path}: ${outcome.errors.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('paginates with Link headers the way octokit follows them', () => {
    // 205 + #300 + the draft #301: 207 open pull requests, 100 a page.
    const pages = emulator.requestsFor('pulls/list').filter((r) => r.query['base'] === undefined);
    expect(pages.map((r) => r.query['page'] ?? '1')).toEqual(['1', '2', '3']);
    expect(pages[0]!.responseHeaders['link']).toMatch(/<[^>]+page=2>; rel="next", <[^>]+page=3>; rel="last"/);
    expect(pages[2]!.responseHeaders['link']).not.toMatch(/rel="next"/);
    expect((pages[2]!.responseBody as unknown[]).length).toBe(207 - 200);
  });
});

type Schema = Record<string, unknown>;

function resolveRef(schema: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  return resolveRef(validator.subset.components.schemas[name] as Schema);
}

/** The object schema and the object it describes, for a recorded response (first item of a list). */
function objectUnderTest(
  r: RecordedRequest,
): { schema: Schema; target: Record<string, unknown>; path: string } | undefined {
  let schema = resolveRef(validator.subset.operations[r.operationId!]!.responses[String(r.status)] as Schema);
  let target = r.responseBody as unknown;
  let path = '';
  if (schema['type'] === 'array') {
    if (!Array.isArray(target) || target.length === 0) return undefined;
    schema = resolveRef(schema['items'] as Schema);
    target = target[0];
    path = '[0]';
  }
  if (Array.isArray(schema['oneOf'])) {
    const kind = (target as Record<string, unknown>)['type'];
    schema = resolveRef(
      (schema['oneOf'] as Schema[]).find(
        (s) =>
          (resolveRef(s)['properties'] as Schema | undefined)?.['type'] &&
          (
            ((resolveRef(s)['properties'] as Schema)['type'] as Schema)['enum'] as unknown[] | undefined
          )?.includes(kind),
      )!,
    );
  }
  if (typeof target !== 'object' || target === null || !Array.isArray(schema['required'])) return undefined;
  return { schema, target: target as Record<string, unknown>, path };
}

function withChange(body: unknown, path: string, change: (o: Record<string, unknown>) => void): unknown {
  const copy = structuredClone(body);
  change((path === '[0]' ? (copy as unknown[])[0] : copy) as Record<string, unknown>);
  return copy;
}

describe('the contract check fails on a broken answer', () => {
  const successes = () => {
    const byOp = new Map<string, RecordedRequest>();
    for (const r of answered())
      if (r.status >= 200 && r.status < 300 && !byOp.has(r.operationId!) && objectUnderTest(r))
        byOp.set(r.operationId!, r);
    return [...byOp.values()];
  };

  it('covers every operation whose answer is a JSON object or list of objects', () => {
    expect(
      successes()
        .map((r) => r.operationId)
        .sort(),
    ).toEqual(ROUTES.map((r) => r.operationId).sort());
  });

  it('rejects each answer with any one required field dropped', () => {
    const missed: string[] = [];
    let checked = 0;
    for (const r of successes()) {
      const { schema, path } = objectUnderTest(r)!;
      for (const field of schema['required'] as string[]) {
        const broken = withChange(r.responseBody, path, (o) => delete o[field]);
        checked += 1;
        if (validator.validateResponse(r.operationId!, r.status, broken).valid)
          missed.push(`${r.operationId} without ${field}`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(missed).toEqual([]);
  });

  it('rejects each answer with any one required field of the wrong type', () => {
    const missed: string[] = [];
    for (const r of successes()) {
      const { schema, target, path } = objectUnderTest(r)!;
      for (const field of schema['required'] as string[]) {
        const wrong = Array.isArray(target[field]) ? 'not-a-list' : [];
        const broken = withChange(r.responseBody, path, (o) => {
          o[field] = wrong;
        });
        if (validator.validateResponse(r.operationId!, r.status, broken).valid)
          missed.push(`${r.operationId} with ${field}=${JSON.stringify(wrong)}`);
      }
    }
    // Fields GitHub documents with no type at all (free-form) cannot have a wrong type.
    expect(missed).toEqual([]);
  });

  it('names the field and the rule that failed', () => {
    const r = emulator.requestsFor('pulls/get').find((x) => x.status === 200)!;
    const broken = structuredClone(r.responseBody) as Record<string, unknown>;
    (broken['head'] as Record<string, unknown>)['sha'] = 42;
    delete broken['mergeable_state'];
    const outcome = validator.validateResponse('pulls/get', 200, broken);
    expect(outcome.valid).toBe(false);
    expect(outcome.errors.join('\n')).toMatch(/\/head\/sha must be string/);
    expect(outcome.errors.join('\n')).toMatch(/must have required property 'mergeable_state'/);
  });
});
