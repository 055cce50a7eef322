import { createHash } from 'node:crypto';

/** What a test seeds. Everything is optional; numbers and SHAs are generated when left out. */
export interface EmulatorSeed {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  users?: SeedUser[];
  teams?: SeedTeam[];
  pulls?: SeedPull[];
  issues?: SeedIssue[];
  /** Repository labels (labels used on issues are created on first use, as GitHub does). */
  labels?: { name: string; color?: string; description?: string }[];
  /** Refs in full (`refs/heads/main`, `refs/tags/v1.3.0`). */
  refs?: { ref: string; sha: string }[];
  releases?: SeedRelease[];
  environments?: SeedEnvironment[];
  /**
   * The workflow runs GitHub knows, each with its approvals (an empty list: a run nobody reviewed). Any other run id
   * is one GitHub never saw, and its reviews answer 404.
   */
  runApprovals?: Record<number, SeedApproval[]>;
  /** File text per path on the default branch; `ref:path` keys seed other refs. */
  contents?: Record<string, string>;
  statuses?: Record<string, SeedStatus[]>;
}

export interface SeedUser {
  login: string;
  id?: number;
  type?: 'User' | 'Bot';
}

export interface SeedTeam {
  slug: string;
  id?: number;
  name?: string;
}

export interface SeedPull {
  number?: number;
  title?: string;
  body?: string;
  base?: string;
  /** Head branch name; `feature/<number>` when left out. */
  head?: string;
  head_sha?: string;
  draft?: boolean;
  labels?: string[];
  files?: (string | SeedFile)[];
  user?: string;
  state?: 'open' | 'closed';
  merged?: boolean;
}

export interface SeedFile {
  filename: string;
  status?: 'added' | 'removed' | 'modified' | 'renamed';
  additions?: number;
  deletions?: number;
}

export interface SeedIssue {
  number?: number;
  title: string;
  body?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  user?: string;
}

export interface SeedRelease {
  tag_name: string;
  name?: string;
  body?: string;
  draft?: boolean;
  prerelease?: boolean;
  target_commitish?: string;
}

export interface SeedEnvironment {
  name: string;
  reviewers?: { type: 'User' | 'Team'; login?: string; slug?: string; id?: number }[];
  wait_timer?: number;
  prevent_self_review?: boolean;
}

export interface SeedApproval {
  environments: string[];
  state: 'approved' | 'rejected' | 'pending';
  user: string;
  comment?: string;
}

export interface SeedStatus {
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description?: string;
  target_url?: string;
}

export interface UserRecord {
  id: number;
  login: string;
  type: 'User' | 'Bot';
}

export interface TeamRecord {
  id: number;
  slug: string;
  name: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface PullDetails {
  base: string;
  head: string;
  headSha: string;
  baseSha: string;
  draft: boolean;
  merged: boolean;
  files: Required<SeedFile>[];
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: string;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Present when the issue is a pull request (they share numbering, as on GitHub). */
  pull?: PullDetails;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  createdAt: string;
  updatedAt: string;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: SeedStatus['state'];
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface TagObjectRecord {
  sha: string;
  tag: string;
  message: string;
  object: { sha: string; type: string };
  tagger: { name: string; email: string; date: string };
}

export interface ReleaseRecord {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  payload: Record<string, unknown> | string;
  description: string | null;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface DeploymentStatusRecord {
  id: number;
  deploymentId: number;
  state: string;
  description: string;
  environment: string;
  environmentUrl: string;
  logUrl: string;
  creator: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnvironmentRecord {
  id: number;
  name: string;
  reviewers: ({ type: 'User'; user: UserRecord } | { type: 'Team'; team: TeamRecord })[];
  waitTimer: number;
  preventSelfReview: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ApprovalRecord {
  environments: string[];
  state: SeedApproval['state'];
  user: string;
  comment: string;
}

/** Deterministic 40-hex SHA from a seed string, so tests can predict them. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/**
 * The repository's state. Routes read and change it; tests seed it and inspect it. Plain maps, so a
 * test can assert on exactly what GitHub would now hold.
 */
export class EmulatorState {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly repoId: number;
  /** The login requests are attributed to (the token's owner). */
  readonly actor = 'github-actions[bot]';
  readonly users = new Map<string, UserRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly labels = new Map<string, LabelRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly comments: CommentRecord[] = [];
  readonly statuses: StatusRecord[] = [];
  readonly refs = new Map<string, string>();
  readonly tagObjects = new Map<string, TagObjectRecord>();
  readonly releases = new Map<number, ReleaseRecord>();
  readonly deployments = new Map<number, DeploymentRecord>();
  readonly deploymentStatuses: DeploymentStatusRecord[] = [];
  readonly environments: Map<string, EnvironmentRecord> = new EnvironmentMap();
  /** Approvals per known workflow run; a run without an entry is one GitHub never saw. */
  readonly runApprovals = new Map<number, ApprovalRecord[]>();
  readonly contents = new Map<string, string>();
  private nextIdValue = 1000;
  private readonly nowIso: () => string;

  constructor(seed: EmulatorSeed, nowIso: () => string) {
    this.nowIso = nowIso;
    this.owner = seed.owner ?? 'acme';
    this.repo = seed.repo ?? 'spark-trading-api';
    this.defaultBranch = seed.defaultBranch ?? 'main';
    this.repoId = this.nextId();
    this.user(this.owner);
    this.user(this.actor, 'Bot');
    for (const u of seed.users ?? []) this.user(u.login, u.type ?? 'User', u.id);
    for (const t of seed.teams ?? []) this.team(t.slug, t.id, t.name);
    for (const l of seed.labels ?? []) this.label(l.name, l.color, l.description);
    this.refs.set(`refs/heads/${this.defaultBranch}`, fakeSha(`branch:${this.defaultBranch}`));
    for (const r of seed.refs ?? []) this.refs.set(r.ref, r.sha);
    for (const p of seed.pulls ?? []) this.addPull(p);
    for (const i of seed.issues ?? []) this.addIssue(i);
    for (const r of seed.releases ?? []) this.addRelease(r, this.owner);
    for (const e of seed.environments ?? []) this.putEnvironment(e.name, e);
    for (const [runId, approvals] of Object.entries(seed.runApprovals ?? {})) {
      this.addRun(Number(runId));
      for (const a of approvals) this.addRunApproval(Number(runId), a);
    }
    for (const [key, text] of Object.entries(seed.contents ?? {})) {
      this.contents.set(key.includes(':') ? key : `${this.defaultBranch}:${key}`, text);
    }
    for (const [sha, list] of Object.entries(seed.statuses ?? {})) {
      for (const s of list) this.addStatus(sha, s);
    }
  }

  nextId(): number {
    this.nextIdValue += 1;
    return this.nextIdValue;
  }

  now(): string {
    return this.nowIso();
  }

  user(login: string, type: 'User' | 'Bot' = 'User', id?: number): UserRecord {
    let record = this.users.get(login);
    if (!record) {
      record = { id: id ?? this.nextId(), login, type };
      this.users.set(login, record);
    }
    return record;
  }

  userById(id: number): UserRecord | undefined {
    return [...this.users.values()].find((u) => u.id === id);
  }

  team(slug: string, id?: number, name?: string): TeamRecord {
    let record = this.teams.get(slug);
    if (!record) {
      record = { id: id ?? this.nextId(), slug, name: name ?? slug };
      this.teams.set(slug, record);
    }
    return record;
  }

  label(name: string, color = 'ededed', description?: string): LabelRecord {
    const existing = [...this.labels.values()].find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (existing) return existing;
    const record = { id: this.nextId(), name, color, description: description ?? null };
    this.labels.set(name, record);
    return record;
  }

  private nextNumber(): number {
    return Math.max(0, ...this.issues.keys()) + 1;
  }

  addPull(seed: SeedPull): IssueRecord {
    const number = seed.number ?? this.nextNumber();
    const base = seed.base ?? this.defaultBranch;
    return this.addNumbered(number, {
      title: seed.title ?? `Pull request ${number}`,
      ...(seed.body !== undefined ? { body: seed.body } : {}),
      state: seed.merged ? 'closed' : (seed.state ?? 'open'),
      user: seed.user ?? 'octocat',
      labels: seed.labels ?? [],
      pull: {
        base,
        head: seed.head ?? `feature/${number}`,
        headSha: seed.head_sha ?? fakeSha(`pull:${number}`),
        baseSha: this.refs.get(`refs/heads/${base}`) ?? fakeSha(`branch:${base}`),
        draft: seed.draft ?? false,
        merged: seed.merged ?? false,
        files: (seed.files ?? []).map((f) => {
          const file = typeof f === 'string' ? { filename: f } : f;
          return {
            filename: file.filename,
            status: file.status ?? 'modified',
            additions: file.additions ?? 1,
            deletions: file.deletions ?? 0,
          };
        }),
      },
    });
  }

  addIssue(seed: SeedIssue): IssueRecord {
    const { number, ...fields } = seed;
    return this.addNumbered(number ?? this.nextNumber(), {
      ...fields,
      state: seed.state ?? 'open',
      user: seed.user ?? this.actor,
      labels: seed.labels ?? [],
    });
  }

  /** An issue or a pull request: they share GitHub's numbering, and a closed one closed when it was added. */
  private addNumbered(
    number: number,
    fields: {
      title: string;
      body?: string;
      state: 'open' | 'closed';
      user: string;
      labels: string[];
      pull?: PullDetails;
    },
  ): IssueRecord {
    if (this.issues.has(number)) throw new Error(`seed: #${number} already exists`);
    const now = this.now();
    const record: IssueRecord = {
      id: this.nextId(),
      number,
      title: fields.title,
      body: fields.body ?? null,
      state: fields.state,
      user: this.user(fields.user).login,
      labels: [],
      createdAt: now,
      updatedAt: now,
      closedAt: fields.state === 'closed' ? now : null,
      ...(fields.pull ? { pull: fields.pull } : {}),
    };
    this.issues.set(number, record);
    for (const l of fields.labels) this.addLabelTo(record, l);
    return record;
  }

  addLabelTo(issue: IssueRecord, name: string): void {
    const label = this.label(name);
    if (!issue.labels.includes(label.name)) issue.labels.push(label.name);
    issue.updatedAt = this.now();
  }

  /** The label names on #number, for assertions. */
  labelsOf(number: number): string[] {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`no issue or pull request #${number}`);
    return [...issue.labels];
  }

  addStatus(sha: string, seed: SeedStatus, creator = this.actor): StatusRecord {
    const now = this.now();
    const record: StatusRecord = {
      id: this.nextId(),
      sha,
      state: seed.state,
      context: seed.context,
      description: seed.description ?? null,
      targetUrl: seed.target_url ?? null,
      creator,
      createdAt: now,
      updatedAt: now,
    };
    this.statuses.push(record);
    return record;
  }

  /** The latest status of each context on `sha`, newest first (as the combined status lists them). */
  latestStatuses(sha: string): StatusRecord[] {
    const latest = new Map<string, StatusRecord>();
    for (const s of this.statuses) if (s.sha === sha) latest.set(s.context, s);
    return [...latest.values()].sort((a, b) => b.id - a.id);
  }

  /** Resolves a SHA, branch or tag name the way `commits/{ref}` does; undefined when unknown. */
  resolveCommitish(ref: string): string | undefined {
    if (/^[0-9a-f]{40}$/.test(ref)) return ref;
    const candidates = ref.startsWith('refs/')
      ? [ref]
      : [`refs/heads/${ref}`, `refs/tags/${ref}`, `refs/${ref}`];
    for (const candidate of candidates) {
      const sha = this.refs.get(candidate);
      if (sha) return this.tagObjects.get(sha)?.object.sha ?? sha;
    }
    return undefined;
  }

  addRelease(seed: SeedRelease, author: string): ReleaseRecord {
    const now = this.now();
    const record: ReleaseRecord = {
      id: this.nextId(),
      tagName: seed.tag_name,
      targetCommitish: seed.target_commitish ?? this.defaultBranch,
      name: seed.name ?? null,
      body: seed.body ?? null,
      draft: seed.draft ?? false,
      prerelease: seed.prerelease ?? false,
      author,
      createdAt: now,
      publishedAt: seed.draft ? null : now,
      updatedAt: now,
    };
    this.releases.set(record.id, record);
    return record;
  }

  putEnvironment(name: string, seed: Omit<SeedEnvironment, 'name'>): EnvironmentRecord {
    const now = this.now();
    const reviewers: EnvironmentRecord['reviewers'] = (seed.reviewers ?? []).map((r) => {
      if (r.type === 'Team') {
        const team = r.slug ? this.team(r.slug, r.id) : [...this.teams.values()].find((t) => t.id === r.id);
        if (!team) throw new ReviewerNotFound(r.type, r.id);
        return { type: 'Team', team };
      }
      const user = r.login
        ? this.user(r.login, 'User', r.id)
        : r.id === undefined
          ? undefined
          : this.userById(r.id);
      if (!user) throw new ReviewerNotFound(r.type, r.id);
      return { type: 'User', user };
    });
    const existing = this.environments.get(name);
    const record: EnvironmentRecord = {
      id: existing?.id ?? this.nextId(),
      name: existing?.name ?? name,
      reviewers,
      waitTimer: seed.wait_timer ?? 0,
      preventSelfReview: seed.prevent_self_review ?? false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    this.environments.set(name, record);
    return record;
  }

  /** A workflow run GitHub knows (a run the workflow is in), nobody having reviewed it yet; its approval list. */
  addRun(runId: number): ApprovalRecord[] {
    const known = this.runApprovals.get(runId);
    if (known) return known;
    const list: ApprovalRecord[] = [];
    this.runApprovals.set(runId, list);
    return list;
  }

  /** A review of the run; reviewing a run makes it known. */
  addRunApproval(runId: number, seed: SeedApproval): void {
    this.user(seed.user);
    this.addRun(runId).push({
      environments: seed.environments,
      state: seed.state,
      user: seed.user,
      comment: seed.comment ?? '',
    });
  }
}

/**
 * GitHub treats environment names case-insensitively: `Canary-1` and `canary-1` are one environment, which keeps
 * the name it was created with. Keys are folded to lower case on every access, so a route or a test reading
 * either spelling finds the same record.
 */
class EnvironmentMap extends Map<string, EnvironmentRecord> {
  override get(name: string): EnvironmentRecord | undefined {
    return super.get(name.toLowerCase());
  }
  override has(name: string): boolean {
    return super.has(name.toLowerCase());
  }
  override set(name: string, record: EnvironmentRecord): this {
    return super.set(name.toLowerCase(), record);
  }
  override delete(name: string): boolean {
    return super.delete(name.toLowerCase());
  }
}

export class ReviewerNotFound extends Error {
  constructor(type: string, id: number | undefined) {
    super(`reviewer ${type} ${String(id)} does not exist`);
  }
}
