/**
 * Routes that `setup-environments` reads and the core emulator does not serve yet:
 *   GET /users/{username}                 (users/get-by-username)
 *   GET /orgs/{org}/teams/{team_slug}     (teams/get-by-name)
 * In the emulator's Route shape, so they can join ROUTES (`...SETUP_ROUTES`) once the emulator's owner wires them;
 * `startSetupFront` serves them in front of a running emulator and forwards everything else to it.
 * Users and teams are the emulator state's own (seed `users`, `teams`); unknown ones answer 404 as GitHub does
 * (the state's `user()` would create them, so lookups read the maps directly).
 */
import type { GitHubEmulator } from './index.js';
import { startRouteFront, type EmulatorFront } from './front.js';
import type { Route, RouteContext } from '../../src/github-emulator/route.js';
import { DOCS, errorBody, user, type Shaper } from '../../src/github-emulator/shapes.js';
import type { TeamRecord } from '../../src/github-emulator/state.js';

const notFound = () => ({ status: 404, body: errorBody('Not Found', DOCS, 404) });

function teamFull(s: Shaper, org: string, t: TeamRecord): Record<string, unknown> {
  const url = `${s.api}/orgs/${org}/teams/${t.slug}`;
  return {
    id: t.id,
    node_id: `T_${Buffer.from(String(t.id)).toString('base64url')}`,
    url,
    html_url: `${s.html}/orgs/${org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
    members_count: 0,
    repos_count: 0,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    organization: {
      login: org,
      id: 1,
      node_id: 'O_1',
      url: `${s.api}/orgs/${org}`,
      repos_url: `${s.api}/orgs/${org}/repos`,
      events_url: `${s.api}/orgs/${org}/events`,
      hooks_url: `${s.api}/orgs/${org}/hooks`,
      issues_url: `${s.api}/orgs/${org}/issues`,
      members_url: `${s.api}/orgs/${org}/members{/member}`,
      public_members_url: `${s.api}/orgs/${org}/public_members{/member}`,
      avatar_url: `${s.html}/avatars/o/1`,
      description: null,
      html_url: `${s.html}/${org}`,
      has_organization_projects: true,
      has_repository_projects: true,
      public_repos: 1,
      public_gists: 0,
      followers: 0,
      following: 0,
      type: 'Organization',
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      archived_at: null,
    },
  };
}

export const SETUP_ROUTES: Route[] = [
  {
    operationId: 'users/get-by-username',
    method: 'GET',
    path: '/users/{username}',
    handle(ctx: RouteContext) {
      const login = (ctx.params['username'] ?? '').toLowerCase();
      const found = [...ctx.state.users.values()].find((u) => u.login.toLowerCase() === login);
      return found ? { status: 200, body: user(ctx.shaper, found) } : notFound();
    },
  },
  {
    operationId: 'teams/get-by-name',
    method: 'GET',
    path: '/orgs/{org}/teams/{team_slug}',
    handle(ctx: RouteContext) {
      const org = ctx.params['org'] ?? '';
      if (org.toLowerCase() !== ctx.state.owner.toLowerCase()) return notFound();
      const team = ctx.state.teams.get((ctx.params['team_slug'] ?? '').toLowerCase());
      return team ? { status: 200, body: teamFull(ctx.shaper, ctx.state.owner, team) } : notFound();
    },
  },
];

export type SetupFront = EmulatorFront;

export function startSetupFront(emulator: GitHubEmulator): Promise<SetupFront> {
  return startRouteFront(emulator, SETUP_ROUTES);
}
