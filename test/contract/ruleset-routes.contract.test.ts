/**
 * Holds the emulator's ruleset routes (test/github-emulator/ruleset-routes.ts) to GitHub's OpenAPI description, the
 * same way github-emulator.contract.test.ts holds the core routes: driven through the project's API layer, every
 * answer and request body validated, and a broken answer shown to fail the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStatusCheckRuleset,
  deleteRepoRuleset,
  listRepoRulesets,
} from '../../src/github/api/rulesets.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { fakeSha, startGitHubEmulator, type GitHubEmulator } from '../github-emulator/index.js';
import { mergeBlockers, RULESET_ROUTES, rulesetsOf } from '../github-emulator/ruleset-routes.js';
import { sharedValidator } from './openapi-validator.js';

const validator = sharedValidator();
let emulator: GitHubEmulator;

beforeAll(async () => {
  emulator = await startGitHubEmulator({
    clockScale: 1000,
    extraRoutes: RULESET_ROUTES,
    seed: {
      pulls: [
        { number: 1, base: 'main', head_sha: fakeSha('one') },
        { number: 2, base: 'release/1.x', head_sha: fakeSha('two') },
      ],
      statuses: { [fakeSha('one')]: [{ state: 'success', context: 'release-freeze' }] },
    },
  });
  const { client, repo } = clientForEmulator(emulator);
  expect(await listRepoRulesets(client, repo)).toEqual([]);
  const created = await createStatusCheckRuleset(client, repo, {
    name: 'canary-conductor freeze v1.4.0',
    branches: ['main'],
    requiredContexts: ['release-freeze/v1.4.0'],
    bypass: [{ actorType: 'Integration', actorId: 4242, bypassMode: 'always' }],
  });
  if (!created.performed) throw new Error('write gate skipped a write outside dry-run');
  await expect(
    createStatusCheckRuleset(client, repo, {
      name: 'canary-conductor freeze v1.4.0',
      branches: ['main'],
      requiredContexts: ['x'],
      bypass: [],
    }),
  ).rejects.toMatchObject({ status: 422 });
  expect((await listRepoRulesets(client, repo)).map((r) => r.id)).toEqual([created.data.id]);
  await client.octokit.rest.repos.getRepoRuleset({ ...repo, ruleset_id: created.data.id });
  await expect(client.octokit.rest.repos.getRepoRuleset({ ...repo, ruleset_id: 1 })).rejects.toMatchObject({
    status: 404,
  });
  // The merge button while the ruleset stands: #1 carries a green freeze status, but not the release's context.
  expect(mergeBlockers(emulator.state, 1)).toEqual(['release-freeze/v1.4.0']);
  expect(mergeBlockers(emulator.state, 2)).toEqual([]);
  expect(await deleteRepoRuleset(client, repo, created.data.id)).toMatchObject({ data: { deleted: true } });
  expect(await deleteRepoRuleset(client, repo, created.data.id)).toMatchObject({ data: { deleted: false } });
  expect(rulesetsOf(emulator.state)).toEqual([]);
  expect(mergeBlockers(emulator.state, 1)).toEqual([]);
}, 30_000);

afterAll(async () => {
  await emulator.close();
});

const answered = () => emulator.requests.filter((r) => r.operationId !== null);

describe('ruleset routes against the official OpenAPI description', () => {
  it('serves every ruleset route successfully, each documented with its method and path', () => {
    const ok = new Set(
      answered()
        .filter((r) => r.status >= 200 && r.status < 300)
        .map((r) => r.operationId),
    );
    for (const route of RULESET_ROUTES) {
      const op = validator.operation(route.operationId);
      expect(`${op.method} ${op.path}`).toBe(`${route.method} ${route.path}`);
      expect(ok, `no successful call of ${route.operationId}`).toContain(route.operationId);
    }
  });

  it('answers with bodies that match the documented schema for each status, errors included', () => {
    const failures: string[] = [];
    for (const r of answered()) {
      const outcome = validator.validateResponse(r.operationId!, r.status, r.responseBody);
      if (!outcome.valid) failures.push(`${r.method} ${r.path} -> ${r.status}: ${outcome.errors.join('; ')}`);
    }
    expect(answered().map((r) => r.status)).toEqual([200, 201, 422, 200, 200, 404, 204, 404]);
    expect(failures).toEqual([]);
  });

  it('received the request body GitHub documents for creating a ruleset', () => {
    const [create] = emulator.requestsFor('repos/create-repo-ruleset');
    expect(validator.validateRequestBody('repos/create-repo-ruleset', create!.body)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('rejects a ruleset answer with a required field dropped or mistyped', () => {
    const created = emulator.requestsFor('repos/create-repo-ruleset').find((r) => r.status === 201)!;
    for (const field of ['id', 'name', 'source', 'enforcement']) {
      const dropped = structuredClone(created.responseBody) as Record<string, unknown>;
      delete dropped[field];
      expect(validator.validateResponse('repos/create-repo-ruleset', 201, dropped).valid, field).toBe(false);
      const mistyped = { ...(created.responseBody as Record<string, unknown>), [field]: [] };
      expect(validator.validateResponse('repos/create-repo-ruleset', 201, mistyped).valid, field).toBe(false);
    }
  });

  it('refuses a create body GitHub would refuse, with 422', async () => {
    const res = await fetch(`${emulator.url}/repos/${emulator.repository}/rulesets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'no enforcement' }),
    });
    expect(res.status).toBe(422);
    expect(rulesetsOf(emulator.state)).toEqual([]);
  });
});
