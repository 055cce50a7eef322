/**
 * The permission model of a job's GITHUB_TOKEN (and of a GitHub App installation token): a token carries the
 * `permissions:` of the job that holds it, and a write outside them is answered 403
 * `Resource not accessible by integration`, as GitHub does. Reads are not checked: the emulated repository stands
 * for one whose contents every job may read.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export type PermissionLevel = 'read' | 'write' | 'none';
/** A job's `permissions:` block, e.g. `{ contents: 'write', issues: 'write' }`; an absent scope is `none`. */
export type JobPermissions = Record<string, PermissionLevel>;

/**
 * What each write needs, per GitHub's "Permissions required for GitHub Apps": any one of the listed scopes at
 * `write`. Labels and comments on a pull request are issue writes, which `pull-requests: write` also allows.
 */
export const WRITE_PERMISSIONS: Record<string, readonly string[]> = {
  'issues/add-labels': ['issues', 'pull-requests'],
  'issues/remove-label': ['issues', 'pull-requests'],
  'issues/create-comment': ['issues', 'pull-requests'],
  'issues/update-comment': ['issues', 'pull-requests'],
  'issues/create': ['issues'],
  'repos/create-commit-status': ['statuses'],
  'git/create-ref': ['contents'],
  'git/update-ref': ['contents'],
  'git/delete-ref': ['contents'],
  'git/create-tag': ['contents'],
  'repos/create-release': ['contents'],
  'repos/update-release': ['contents'],
  'repos/create-deployment': ['deployments'],
  'repos/create-deployment-status': ['deployments'],
  'repos/create-or-update-environment': ['administration'],
  'repos/create-repo-ruleset': ['administration'],
  'repos/update-repo-ruleset': ['administration'],
  'repos/delete-repo-ruleset': ['administration'],
};

export const NOT_ACCESSIBLE = 'Resource not accessible by integration';

export type PermissionVerdict =
  | { allowed: true }
  | { allowed: false; reason: 'not-granted'; needs: readonly string[] }
  /** The emulator itself lacks a rule for a write: a gap to fix here, never a silent pass. */
  | { allowed: false; reason: 'no-rule' };

export function checkWrite(operationId: string, permissions: JobPermissions): PermissionVerdict {
  const needs = WRITE_PERMISSIONS[operationId];
  if (!needs) return { allowed: false, reason: 'no-rule' };
  return needs.some((scope) => permissions[scope] === 'write')
    ? { allowed: true }
    : { allowed: false, reason: 'not-granted', needs };
}

const LEVELS = new Set(['read', 'write', 'none']);

/**
 * The permissions a workflow job's token carries: the job's `permissions:`, else the workflow's. `read-all` and
 * `write-all` are expanded over the scopes this emulator checks; `{}` grants nothing.
 */
export function jobPermissions(workflowPath: string, jobId: string): JobPermissions {
  const workflow = parse(readFileSync(workflowPath, 'utf8')) as {
    permissions?: unknown;
    jobs?: Record<string, { permissions?: unknown }>;
  };
  const job = workflow.jobs?.[jobId];
  if (!job) throw new Error(`${workflowPath} has no job ${jobId}`);
  const block = job.permissions ?? workflow.permissions;
  if (block === undefined)
    throw new Error(
      `${workflowPath}: job ${jobId} declares no permissions and the workflow none (the token's would depend on the repository settings)`,
    );
  if (block === 'read-all' || block === 'write-all') {
    const level = block === 'read-all' ? 'read' : 'write';
    const scopes = new Set(Object.values(WRITE_PERMISSIONS).flat());
    return Object.fromEntries([...scopes].map((s) => [s, level]));
  }
  if (typeof block !== 'object' || block === null)
    throw new Error(`${workflowPath}: job ${jobId} permissions must be a map, read-all or write-all`);
  for (const [scope, level] of Object.entries(block))
    if (!LEVELS.has(String(level)))
      throw new Error(
        `${workflowPath}: job ${jobId} permissions.${scope}: ${String(level)} (read, write or none)`,
      );
  return block as JobPermissions;
}

/** The emulator's `tokens` option for one token held by a workflow job: the job's permissions. */
export function jobToken(
  token: string,
  jobId: string,
  workflowPath = '.github/workflows/canary-release.yml',
): Record<string, { permissions: JobPermissions }> {
  return { [token]: { permissions: jobPermissions(workflowPath, jobId) } };
}
