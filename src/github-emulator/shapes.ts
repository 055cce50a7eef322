/**
 * Records -> the JSON GitHub answers with. Every required field of the official schema is present
 * (test/contract checks it); values the emulator has no model for take GitHub's neutral defaults.
 */
import type {
  ApprovalRecord,
  CommentRecord,
  DeploymentRecord,
  DeploymentStatusRecord,
  EmulatorState,
  EnvironmentRecord,
  IssueRecord,
  LabelRecord,
  ReleaseRecord,
  SeedFile,
  StatusRecord,
  TagObjectRecord,
  TeamRecord,
  UserRecord,
} from './state.js';
import { fakeSha } from './state.js';

export interface Shaper {
  state: EmulatorState;
  /** API base, e.g. http://127.0.0.1:41234 */
  api: string;
  /** Web base (GITHUB_SERVER_URL); the emulator serves both from one origin. */
  html: string;
}

export type Json = Record<string, unknown>;

const nodeId = (prefix: string, id: number) => `${prefix}_${Buffer.from(String(id)).toString('base64url')}`;

export function user(s: Shaper, u: UserRecord): Json {
  const url = `${s.api}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: nodeId('U', u.id),
    avatar_url: `${s.html}/avatars/${u.id}`,
    gravatar_id: '',
    url,
    html_url: `${s.html}/${encodeURIComponent(u.login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: u.type,
    site_admin: false,
  };
}

export function userByLogin(s: Shaper, login: string): Json {
  return user(s, s.state.user(login));
}

function team(s: Shaper, t: TeamRecord): Json {
  const url = `${s.api}/orgs/${s.state.owner}/teams/${t.slug}`;
  return {
    id: t.id,
    node_id: nodeId('T', t.id),
    url,
    html_url: `${s.html}/orgs/${s.state.owner}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
    type: 'organization',
  };
}

export function repoUrl(s: Shaper): string {
  return `${s.api}/repos/${s.state.owner}/${s.state.repo}`;
}

export function repository(s: Shaper): Json {
  const url = repoUrl(s);
  const html = `${s.html}/${s.state.owner}/${s.state.repo}`;
  const created = '2024-01-02T03:04:05Z';
  return {
    id: s.state.repoId,
    node_id: nodeId('R', s.state.repoId),
    name: s.state.repo,
    full_name: `${s.state.owner}/${s.state.repo}`,
    owner: userByLogin(s, s.state.owner),
    private: true,
    html_url: html,
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `${s.html.replace(/^https?/, 'git')}/${s.state.owner}/${s.state.repo}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@${new URL(s.html).host}:${s.state.owner}/${s.state.repo}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: html,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 1024,
    default_branch: s.state.defaultBranch,
    open_issues_count: [...s.state.issues.values()].filter((i) => i.state === 'open').length,
    open_issues: [...s.state.issues.values()].filter((i) => i.state === 'open').length,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: created,
    created_at: created,
    updated_at: created,
    license: null,
  };
}

export function label(s: Shaper, l: LabelRecord): Json {
  return {
    id: l.id,
    node_id: nodeId('LA', l.id),
    url: `${repoUrl(s)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

export function labelsOf(s: Shaper, issue: IssueRecord): Json[] {
  return issue.labels.map((name) => label(s, s.state.label(name)));
}

function pullLinks(s: Shaper, n: number, sha: string): Json {
  const url = `${repoUrl(s)}/pulls/${n}`;
  return {
    self: { href: url },
    html: { href: `${s.html}/${s.state.owner}/${s.state.repo}/pull/${n}` },
    issue: { href: `${repoUrl(s)}/issues/${n}` },
    comments: { href: `${repoUrl(s)}/issues/${n}/comments` },
    review_comments: { href: `${url}/comments` },
    review_comment: { href: `${repoUrl(s)}/pulls/comments{/number}` },
    commits: { href: `${url}/commits` },
    statuses: { href: `${repoUrl(s)}/statuses/${sha}` },
  };
}

export function pullSimple(s: Shaper, issue: IssueRecord): Json {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const url = `${repoUrl(s)}/pulls/${issue.number}`;
  const html = `${s.html}/${s.state.owner}/${s.state.repo}/pull/${issue.number}`;
  const branch = (ref: string, sha: string) => ({
    label: `${s.state.owner}:${ref}`,
    ref,
    sha,
    user: userByLogin(s, s.state.owner),
    repo: repository(s),
  });
  return {
    url,
    id: issue.id,
    node_id: nodeId('PR', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${repoUrl(s)}/issues/${issue.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl(s)}/pulls/comments{/number}`,
    comments_url: `${repoUrl(s)}/issues/${issue.number}/comments`,
    statuses_url: `${repoUrl(s)}/statuses/${pull.headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userByLogin(s, issue.user),
    body: issue.body,
    // The description documents pull-request label descriptions as plain strings (issue labels may be null).
    labels: labelsOf(s, issue).map((l) => ({ ...l, description: l['description'] ?? '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.merged ? issue.closedAt : null,
    merge_commit_sha: pull.merged ? fakeSha(`merge:${issue.number}`) : null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: branch(pull.head, pull.headSha),
    base: branch(pull.base, pull.baseSha),
    _links: pullLinks(s, issue.number, pull.headSha),
    author_association: issue.user === s.state.owner ? 'OWNER' : 'MEMBER',
    auto_merge: null,
    draft: pull.draft,
  };
}

export function pullFull(s: Shaper, issue: IssueRecord): Json {
  const pull = issue.pull!;
  const additions = pull.files.reduce((sum, f) => sum + f.additions, 0);
  const deletions = pull.files.reduce((sum, f) => sum + f.deletions, 0);
  return {
    ...pullSimple(s, issue),
    merged: pull.merged,
    mergeable: issue.state === 'open' ? true : null,
    rebaseable: issue.state === 'open' ? true : null,
    mergeable_state: pull.draft ? 'draft' : 'clean',
    merged_by: pull.merged ? userByLogin(s, s.state.owner) : null,
    comments: s.state.comments.filter((c) => c.issueNumber === issue.number).length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions,
    deletions,
    changed_files: pull.files.length,
  };
}

export function diffEntry(s: Shaper, issue: IssueRecord, file: Required<SeedFile>): Json {
  const sha = issue.pull!.headSha;
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    sha: fakeSha(`blob:${sha}:${file.filename}`),
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.additions + file.deletions,
    blob_url: `${s.html}/${s.state.owner}/${s.state.repo}/blob/${sha}/${path}`,
    raw_url: `${s.html}/${s.state.owner}/${s.state.repo}/raw/${sha}/${path}`,
    contents_url: `${repoUrl(s)}/contents/${path}?ref=${sha}`,
    patch: `@@ -1 +1 @@\n-old\n+new`,
  };
}

export function issue(s: Shaper, record: IssueRecord): Json {
  const url = `${repoUrl(s)}/issues/${record.number}`;
  const html = `${s.html}/${s.state.owner}/${s.state.repo}/${record.pull ? 'pull' : 'issues'}/${record.number}`;
  return {
    id: record.id,
    node_id: nodeId('I', record.id),
    url,
    repository_url: repoUrl(s),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    number: record.number,
    state: record.state,
    state_reason: null,
    title: record.title,
    body: record.body,
    user: userByLogin(s, record.user),
    labels: labelsOf(s, record),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: s.state.comments.filter((c) => c.issueNumber === record.number).length,
    ...(record.pull
      ? {
          pull_request: {
            url: `${repoUrl(s)}/pulls/${record.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: record.pull.merged ? record.closedAt : null,
          },
          draft: record.pull.draft,
        }
      : {}),
    closed_at: record.closedAt,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_by: null,
    author_association: 'MEMBER',
  };
}

export function comment(s: Shaper, c: CommentRecord): Json {
  return {
    id: c.id,
    node_id: nodeId('IC', c.id),
    url: `${repoUrl(s)}/issues/comments/${c.id}`,
    html_url: `${s.html}/${s.state.owner}/${s.state.repo}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoUrl(s)}/issues/${c.issueNumber}`,
    body: c.body,
    user: userByLogin(s, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: 'MEMBER',
  };
}

export function status(s: Shaper, st: StatusRecord): Json {
  return {
    url: `${repoUrl(s)}/statuses/${st.sha}`,
    avatar_url: `${s.html}/avatars/${s.state.user(st.creator).id}`,
    id: st.id,
    node_id: nodeId('SC', st.id),
    state: st.state,
    description: st.description,
    target_url: st.targetUrl,
    context: st.context,
    created_at: st.createdAt,
    updated_at: st.updatedAt,
    creator: userByLogin(s, st.creator),
  };
}

export function simpleStatus(s: Shaper, st: StatusRecord): Json {
  const { creator: _creator, ...rest } = status(s, st);
  return rest;
}

/** GitHub's combined state: failure if any context failed or errored, pending if any is pending or none exist. */
export function combinedState(statuses: StatusRecord[]): 'failure' | 'pending' | 'success' {
  if (statuses.some((st) => st.state === 'failure' || st.state === 'error')) return 'failure';
  if (statuses.length === 0 || statuses.some((st) => st.state === 'pending')) return 'pending';
  return 'success';
}

export function combinedStatus(
  s: Shaper,
  sha: string,
  ref: string,
  statuses: StatusRecord[],
  total: number,
): Json {
  return {
    state: combinedState(statuses),
    statuses: statuses.map((st) => simpleStatus(s, st)),
    sha,
    total_count: total,
    repository: minimalRepository(s),
    commit_url: `${repoUrl(s)}/commits/${sha}`,
    url: `${repoUrl(s)}/commits/${encodeURIComponent(ref)}/status`,
  };
}

function minimalRepository(s: Shaper): Json {
  const full = repository(s);
  const keep = [
    'id',
    'node_id',
    'name',
    'full_name',
    'owner',
    'private',
    'html_url',
    'description',
    'fork',
    'url',
    'archive_url',
    'assignees_url',
    'blobs_url',
    'branches_url',
    'collaborators_url',
    'comments_url',
    'commits_url',
    'compare_url',
    'contents_url',
    'contributors_url',
    'deployments_url',
    'downloads_url',
    'events_url',
    'forks_url',
    'git_commits_url',
    'git_refs_url',
    'git_tags_url',
    'git_url',
    'issue_comment_url',
    'issue_events_url',
    'issues_url',
    'keys_url',
    'labels_url',
    'languages_url',
    'merges_url',
    'milestones_url',
    'notifications_url',
    'pulls_url',
    'releases_url',
    'ssh_url',
    'stargazers_url',
    'statuses_url',
    'subscribers_url',
    'subscription_url',
    'tags_url',
    'teams_url',
    'trees_url',
    'hooks_url',
  ];
  return Object.fromEntries(keep.map((k) => [k, full[k]]));
}

export function gitRef(s: Shaper, ref: string, sha: string): Json {
  const isTag = s.state.tagObjects.has(sha);
  return {
    ref,
    node_id: nodeId('REF', Number.parseInt(sha.slice(0, 8), 16)),
    url: `${repoUrl(s)}/git/${ref}`,
    object: {
      type: isTag ? 'tag' : 'commit',
      sha,
      url: `${repoUrl(s)}/git/${isTag ? 'tags' : 'commits'}/${sha}`,
    },
  };
}

export function gitTag(s: Shaper, t: TagObjectRecord): Json {
  return {
    node_id: nodeId('TAG', Number.parseInt(t.sha.slice(0, 8), 16)),
    tag: t.tag,
    sha: t.sha,
    url: `${repoUrl(s)}/git/tags/${t.sha}`,
    message: t.message,
    tagger: t.tagger,
    object: {
      type: t.object.type,
      sha: t.object.sha,
      url: `${repoUrl(s)}/git/${t.object.type}s/${t.object.sha}`,
    },
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

export function release(s: Shaper, r: ReleaseRecord): Json {
  const url = `${repoUrl(s)}/releases/${r.id}`;
  const tagPath = encodeURIComponent(r.tagName);
  return {
    url,
    html_url: `${s.html}/${s.state.owner}/${s.state.repo}/releases/${r.draft ? `untagged-${r.id}` : `tag/${tagPath}`}`,
    assets_url: `${url}/assets`,
    upload_url: `${s.api}/uploads/repos/${s.state.owner}/${s.state.repo}/releases/${r.id}/assets{?name,label}`,
    tarball_url: r.draft ? null : `${repoUrl(s)}/tarball/${tagPath}`,
    zipball_url: r.draft ? null : `${repoUrl(s)}/zipball/${tagPath}`,
    id: r.id,
    node_id: nodeId('RE', r.id),
    tag_name: r.tagName,
    target_commitish: r.targetCommitish,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    created_at: r.createdAt,
    published_at: r.publishedAt,
    updated_at: r.updatedAt,
    author: userByLogin(s, r.author),
    assets: [],
  };
}

export function deployment(s: Shaper, d: DeploymentRecord): Json {
  const url = `${repoUrl(s)}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId('DE', d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: userByLogin(s, d.creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${url}/statuses`,
    repository_url: repoUrl(s),
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
  };
}

export function deploymentStatus(s: Shaper, d: DeploymentStatusRecord): Json {
  const deploymentUrl = `${repoUrl(s)}/deployments/${d.deploymentId}`;
  return {
    url: `${deploymentUrl}/statuses/${d.id}`,
    id: d.id,
    node_id: nodeId('DES', d.id),
    state: d.state,
    creator: userByLogin(s, d.creator),
    description: d.description,
    environment: d.environment,
    target_url: d.logUrl,
    ...(d.logUrl ? { log_url: d.logUrl } : {}),
    ...(d.environmentUrl ? { environment_url: d.environmentUrl } : {}),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    deployment_url: deploymentUrl,
    repository_url: repoUrl(s),
  };
}

export function environment(s: Shaper, e: EnvironmentRecord): Json {
  const rules: Json[] = [];
  if (e.waitTimer > 0)
    rules.push({
      id: e.id * 10 + 1,
      node_id: nodeId('GA', e.id * 10 + 1),
      type: 'wait_timer',
      wait_timer: e.waitTimer,
    });
  if (e.reviewers.length > 0) {
    rules.push({
      id: e.id * 10 + 2,
      node_id: nodeId('GA', e.id * 10 + 2),
      type: 'required_reviewers',
      prevent_self_review: e.preventSelfReview,
      reviewers: e.reviewers.map((r) =>
        r.type === 'User'
          ? { type: 'User', reviewer: user(s, r.user) }
          : { type: 'Team', reviewer: team(s, r.team) },
      ),
    });
  }
  return {
    id: e.id,
    node_id: nodeId('EN', e.id),
    name: e.name,
    url: `${repoUrl(s)}/environments/${encodeURIComponent(e.name)}`,
    html_url: `${s.html}/${s.state.owner}/${s.state.repo}/deployments/activity_log?environments_filter=${encodeURIComponent(e.name)}`,
    created_at: e.createdAt,
    updated_at: e.updatedAt,
    protection_rules: rules,
    deployment_branch_policy: null,
  };
}

export function approval(s: Shaper, a: ApprovalRecord): Json {
  return {
    environments: a.environments.map((name) => {
      const env = s.state.environments.get(name) ?? s.state.putEnvironment(name, {});
      const {
        protection_rules: _rules,
        deployment_branch_policy: _policy,
        node_id,
        ...rest
      } = environment(s, env);
      return { ...rest, node_id };
    }),
    state: a.state,
    user: userByLogin(s, a.user),
    comment: a.comment,
  };
}

/** GitHub wraps base64 content at 60 characters. */
function wrapBase64(text: string): string {
  return (
    (
      Buffer.from(text, 'utf8')
        .toString('base64')
        .match(/.{1,60}/g) ?? []
    ).join('\n') + '\n'
  );
}

export function contentFile(s: Shaper, path: string, ref: string, text: string): Json {
  const sha = fakeSha(`blob:${ref}:${path}:${text}`);
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  const url = `${repoUrl(s)}/contents/${encodedPath}?ref=${encodeURIComponent(ref)}`;
  const html = `${s.html}/${s.state.owner}/${s.state.repo}/blob/${encodeURIComponent(ref)}/${encodedPath}`;
  const git = `${repoUrl(s)}/git/blobs/${sha}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').pop(),
    path,
    content: wrapBase64(text),
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url: `${s.html}/${s.state.owner}/${s.state.repo}/raw/${encodeURIComponent(ref)}/${encodedPath}`,
    _links: { self: url, git, html },
  };
}

export function contentDirectoryEntry(
  s: Shaper,
  path: string,
  ref: string,
  kind: 'file' | 'dir',
  text: string,
): Json {
  const sha = fakeSha(`${kind}:${ref}:${path}:${text}`);
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  const url = `${repoUrl(s)}/contents/${encodedPath}?ref=${encodeURIComponent(ref)}`;
  const html = `${s.html}/${s.state.owner}/${s.state.repo}/${kind === 'dir' ? 'tree' : 'blob'}/${encodeURIComponent(ref)}/${encodedPath}`;
  const git = `${repoUrl(s)}/git/${kind === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  return {
    type: kind,
    size: kind === 'dir' ? 0 : Buffer.byteLength(text),
    name: path.split('/').pop(),
    path,
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url:
      kind === 'dir'
        ? null
        : `${s.html}/${s.state.owner}/${s.state.repo}/raw/${encodeURIComponent(ref)}/${encodedPath}`,
    _links: { self: url, git, html },
  };
}

export const DOCS = 'https://docs.github.com/rest';

export function errorBody(message: string, documentationUrl = DOCS, status?: number): Json {
  return {
    message,
    documentation_url: documentationUrl,
    ...(status === undefined ? {} : { status: String(status) }),
  };
}

export function validationError(message: string, errors: Json[] = []): Json {
  return { message, errors, documentation_url: DOCS, status: '422' };
}
