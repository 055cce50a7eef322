/**
 * Repository rulesets, the merge block a release freeze installs with an admin or GitHub App token:
 *   GET    /repos/{owner}/{repo}/rulesets               (repos/get-repo-rulesets)
 *   POST   /repos/{owner}/{repo}/rulesets               (repos/create-repo-ruleset)
 *   GET    /repos/{owner}/{repo}/rulesets/{ruleset_id}  (repos/get-repo-ruleset)
 *   DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}  (repos/delete-repo-ruleset)
 * Served by the emulator itself (`startGitHubEmulator({ extraRoutes: RULESET_ROUTES })`), so request bodies are
 * checked against the OpenAPI description and writes count against the secondary limits like every other write.
 * `mergeBlockers` answers what GitHub's merge button would say for a pull request: which required status checks
 * (from active branch rulesets, plus any the test names as branch protection) its head commit does not pass.
 */
import picomatch from 'picomatch';
import type { Route, RouteContext } from './route.js';
import { validationError, type Shaper } from './shapes.js';
import { bodyRecord, notFound } from './answers.js';
import type { EmulatorState } from './state.js';

export interface RulesetRecord {
  id: number;
  name: string;
  target: 'branch' | 'tag' | 'push';
  enforcement: 'disabled' | 'active' | 'evaluate';
  bypassActors: { actor_id: number | null; actor_type: string; bypass_mode: string }[];
  include: string[];
  exclude: string[];
  rules: { type: string; parameters?: Record<string, unknown> }[];
  createdAt: string;
  updatedAt: string;
}

interface RulesetData {
  rulesets: Map<number, RulesetRecord>;
  nextId: number;
}

const DATA = new WeakMap<EmulatorState, RulesetData>();

function dataOf(state: EmulatorState): RulesetData {
  let data = DATA.get(state);
  if (!data) DATA.set(state, (data = { rulesets: new Map(), nextId: 4_100_000 }));
  return data;
}

/** The rulesets the repository holds now, oldest first. */
export function rulesetsOf(state: EmulatorState): RulesetRecord[] {
  return [...dataOf(state).rulesets.values()];
}

function links(s: Shaper, id: number): Record<string, unknown> {
  return {
    self: { href: `${s.api}/repos/${s.state.owner}/${s.state.repo}/rulesets/${id}` },
    html: { href: `${s.html}/${s.state.owner}/${s.state.repo}/rules/${id}` },
  };
}

/** The list answer: GitHub leaves conditions, rules and bypass actors out of it. */
function rulesetSummary(s: Shaper, r: RulesetRecord): Record<string, unknown> {
  return {
    id: r.id,
    name: r.name,
    target: r.target,
    source_type: 'Repository',
    source: `${s.state.owner}/${s.state.repo}`,
    enforcement: r.enforcement,
    node_id: `RRS_${Buffer.from(String(r.id)).toString('base64url')}`,
    _links: links(s, r.id),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function rulesetFull(s: Shaper, r: RulesetRecord): Record<string, unknown> {
  return {
    ...rulesetSummary(s, r),
    bypass_actors: r.bypassActors,
    current_user_can_bypass: r.bypassActors.length > 0 ? 'always' : 'never',
    conditions: { ref_name: { include: r.include, exclude: r.exclude } },
    rules: r.rules,
  };
}

function rulesetOr404(ctx: RouteContext): RulesetRecord | undefined {
  const raw = ctx.params['ruleset_id'] ?? '';
  return /^\d+$/.test(raw) ? dataOf(ctx.state).rulesets.get(Number(raw)) : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export const RULESET_ROUTES: Route[] = [
  {
    operationId: 'repos/get-repo-rulesets',
    method: 'GET',
    path: '/repos/{owner}/{repo}/rulesets',
    handle(ctx) {
      return { status: 200, body: rulesetsOf(ctx.state).map((r) => rulesetSummary(ctx.shaper, r)) };
    },
  },
  {
    operationId: 'repos/create-repo-ruleset',
    method: 'POST',
    path: '/repos/{owner}/{repo}/rulesets',
    handle(ctx) {
      const body = bodyRecord(ctx.body);
      const name = body['name'];
      if (typeof name !== 'string' || name.trim() === '')
        return { status: 422, body: validationError('Invalid request.\n\nname is required') };
      if (rulesetsOf(ctx.state).some((r) => r.name === name)) {
        return {
          status: 422,
          body: validationError('Validation Failed', [
            { resource: 'Ruleset', code: 'custom', field: 'name', message: 'Name must be unique' },
          ]),
        };
      }
      const data = dataOf(ctx.state);
      const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      const refName = bodyRecord(bodyRecord(body['conditions'])['ref_name']);
      const created: RulesetRecord = {
        id: (data.nextId += 1),
        name,
        target: (body['target'] as RulesetRecord['target'] | undefined) ?? 'branch',
        enforcement: body['enforcement'] as RulesetRecord['enforcement'],
        bypassActors: (Array.isArray(body['bypass_actors']) ? body['bypass_actors'] : []).map((a) => {
          const actor = bodyRecord(a);
          return {
            actor_id: typeof actor['actor_id'] === 'number' ? actor['actor_id'] : null,
            actor_type: String(actor['actor_type']),
            bypass_mode: typeof actor['bypass_mode'] === 'string' ? actor['bypass_mode'] : 'always',
          };
        }),
        include: stringList(refName['include']),
        exclude: stringList(refName['exclude']),
        rules: (Array.isArray(body['rules']) ? body['rules'] : []).map((r) => {
          const rule = bodyRecord(r);
          return {
            type: String(rule['type']),
            ...(rule['parameters'] ? { parameters: bodyRecord(rule['parameters']) } : {}),
          };
        }),
        createdAt: now,
        updatedAt: now,
      };
      data.rulesets.set(created.id, created);
      return { status: 201, body: rulesetFull(ctx.shaper, created) };
    },
  },
  {
    operationId: 'repos/get-repo-ruleset',
    method: 'GET',
    path: '/repos/{owner}/{repo}/rulesets/{ruleset_id}',
    handle(ctx) {
      const found = rulesetOr404(ctx);
      return found ? { status: 200, body: rulesetFull(ctx.shaper, found) } : notFound();
    },
  },
  {
    operationId: 'repos/delete-repo-ruleset',
    method: 'DELETE',
    path: '/repos/{owner}/{repo}/rulesets/{ruleset_id}',
    handle(ctx) {
      const found = rulesetOr404(ctx);
      if (!found) return notFound();
      dataOf(ctx.state).rulesets.delete(found.id);
      // An empty text: GitHub's 204 carries no body at all.
      return { status: 204, text: '' };
    },
  },
];

/** Whether a branch ruleset's ref-name condition covers `branch` (`~ALL`, `~DEFAULT_BRANCH`, fnmatch patterns). */
export function rulesetCoversBranch(state: EmulatorState, r: RulesetRecord, branch: string): boolean {
  const ref = `refs/heads/${branch}`;
  const matches = (pattern: string) =>
    pattern === '~ALL' ||
    (pattern === '~DEFAULT_BRANCH' && branch === state.defaultBranch) ||
    picomatch.isMatch(ref, pattern) ||
    picomatch.isMatch(branch, pattern);
  return r.include.some(matches) && !r.exclude.some(matches);
}

/**
 * The status checks that keep pull request `number` from merging for a user without bypass: every context an
 * active branch ruleset on its base requires, plus `protectedContexts` (branch protection, which the emulator does
 * not serve), that is not `success` on the head commit. Empty: the merge button is green as far as checks go.
 */
export function mergeBlockers(
  state: EmulatorState,
  number: number,
  protectedContexts: string[] = [],
): string[] {
  const pull = state.issues.get(number)?.pull;
  if (!pull) throw new Error(`mergeBlockers: #${number} is not a pull request`);
  const required = new Set(protectedContexts);
  for (const r of rulesetsOf(state)) {
    if (r.enforcement !== 'active' || r.target !== 'branch' || !rulesetCoversBranch(state, r, pull.base))
      continue;
    for (const rule of r.rules) {
      if (rule.type !== 'required_status_checks') continue;
      for (const check of (rule.parameters?.['required_status_checks'] as { context: string }[]) ?? [])
        required.add(check.context);
    }
  }
  const latest = new Map(state.latestStatuses(pull.headSha).map((s) => [s.context, s.state]));
  return [...required].filter((context) => latest.get(context) !== 'success').sort();
}
