/**
 * The release tag, made with real git in the workspace checkout (what one would run by hand: `git tag -a v1.4.0 -m ...`
 * then `git push origin v1.4.0`). Idempotent by construction: origin is asked first (`git ls-remote`, comparing the
 * dereferenced `^{}` commit, so an annotated tag is compared by what it points at). The tag already at the
 * release commit is success with nothing written; the tag at another commit is an error naming both commits,
 * and nothing is ever forced. Two runs racing: the loser's push is refused by origin, it asks again, finds the
 * winner's tag at the same commit, and reports success.
 */
import { ConfigurationError } from '../config/errors.js';
import { GitCommandError, type GitCommandManager, type GitIdentity } from '../git/git-command-manager.js';

export class TagConflictError extends ConfigurationError {
  constructor(
    readonly tag: string,
    readonly existingSha: string,
    readonly wantedSha: string,
    where: string,
  ) {
    super(
      `release.tag: ${tag} already exists ${where} at ${existingSha}, not at the release commit ${wantedSha}; ` +
        'a release tag is never moved. Release a new version, or delete the stale tag deliberately if it is wrong',
    );
    this.name = 'TagConflictError';
  }
}

export type TagStatus = 'created' | 'exists' | 'would-create';

export interface EnsureTagOptions {
  git: GitCommandManager;
  tag: string;
  /** A commit-ish in the workspace (full or abbreviated SHA, or a ref). */
  sha: string;
  message: string;
  identity: GitIdentity;
  /** Checks everything, creates and pushes nothing. */
  dryRun?: boolean;
  log?: (line: string) => void;
}

export interface EnsureTagResult {
  tag: string;
  /** The full commit SHA the tag points at. */
  sha: string;
  status: TagStatus;
}

export interface RemoteTag {
  /** The tag ref's own object (the tag object for an annotated tag). */
  object: string;
  /** The commit it dereferences to. */
  commit: string;
}

/** `git ls-remote --tags origin refs/tags/<tag>`: null when origin has no such tag. */
export async function remoteTag(git: GitCommandManager, tag: string): Promise<RemoteTag | null> {
  const ref = `refs/tags/${tag}`;
  const result = await git.exec(['ls-remote', '--tags', 'origin', ref, `${ref}^{}`], { network: true });
  let object: string | null = null;
  let peeled: string | null = null;
  for (const line of result.stdout.split('\n')) {
    const [sha, name] = line.trim().split('\t');
    if (name === ref) object = sha ?? null;
    else if (name === `${ref}^{}`) peeled = sha ?? null;
  }
  if (!object) return null;
  // A lightweight tag has no `^{}` line: the ref names the commit itself.
  return { object, commit: peeled ?? object };
}

async function localTagCommit(git: GitCommandManager, tag: string): Promise<string | null> {
  const r = await git.exec(['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`], {
    allowFailure: true,
  });
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

export async function checkTagName(git: GitCommandManager, tag: string): Promise<void> {
  const r = await git.exec(['check-ref-format', `refs/tags/${tag}`], { allowFailure: true });
  if (r.exitCode !== 0 || tag.startsWith('-')) {
    throw new ConfigurationError(`release.tag: "${tag}" is not a valid git tag name (expected e.g. v1.4.0)`);
  }
}

export async function resolveCommit(git: GitCommandManager, sha: string): Promise<string> {
  const r = await git.exec(['rev-parse', '-q', '--verify', `${sha}^{commit}`], { allowFailure: true });
  if (r.exitCode !== 0 || sha.startsWith('-')) {
    throw new ConfigurationError(
      `input sha: "${sha}" is not a commit in the workspace checkout (${git.workingDirectory}); check out the release commit (actions/checkout) or pass its SHA`,
    );
  }
  return r.stdout.trim();
}

export async function ensureReleaseTag(options: EnsureTagOptions): Promise<EnsureTagResult> {
  const { git, tag, identity } = options;
  const log = options.log ?? (() => undefined);
  await checkTagName(git, tag);
  const target = await resolveCommit(git, options.sha);

  const existing = await remoteTag(git, tag);
  if (existing) {
    if (existing.commit !== target) throw new TagConflictError(tag, existing.commit, target, 'on origin');
    log(`release-tag: ${tag} is already on origin at ${target}; nothing to do`);
    return { tag, sha: target, status: 'exists' };
  }
  const local = await localTagCommit(git, tag);
  if (local && local !== target)
    throw new TagConflictError(tag, local, target, 'in the workspace checkout (not on origin)');
  if (options.dryRun) {
    log(`dry-run: would create annotated tag ${tag} at ${target} and push it to origin`);
    return { tag, sha: target, status: 'would-create' };
  }
  if (!local) {
    await git.exec(['-c', 'tag.gpgSign=false', 'tag', '--annotate', '--file=-', '--', tag, target], {
      input: options.message,
      env: { GIT_COMMITTER_NAME: identity.name, GIT_COMMITTER_EMAIL: identity.email },
    });
  }
  const pushArgs = ['push', '--porcelain', 'origin', `refs/tags/${tag}:refs/tags/${tag}`];
  const pushed = await git.exec(pushArgs, { network: true, allowFailure: true });
  // Two runs in the same second build byte-identical tag objects, so the later push finds origin already
  // holding it: porcelain reports that ref as `=` (up to date), and this run created nothing.
  if (pushed.exitCode === 0 && pushed.stdout.split('\n').some((l) => l.startsWith('=\t'))) {
    log(`release-tag: ${tag} at ${target} reached origin from a concurrent run first; converged`);
    return { tag, sha: target, status: 'exists' };
  }
  if (pushed.exitCode === 0) {
    log(`release-tag: pushed annotated tag ${tag} at ${target} to origin`);
    return { tag, sha: target, status: 'created' };
  }
  // Refused: most likely another run pushed the same tag a moment earlier. Origin decides which one stands.
  const after = await remoteTag(git, tag);
  if (after && after.commit === target) {
    log(`release-tag: ${tag} was pushed to origin at ${target} by a concurrent run; converged`);
    return { tag, sha: target, status: 'exists' };
  }
  if (after) throw new TagConflictError(tag, after.commit, target, 'on origin');
  throw new GitCommandError(pushArgs, pushed);
}
