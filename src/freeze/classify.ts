/**
 * Which open pull requests a release freeze holds. Pure: the pull request and its changed files come in,
 * a verdict with its reason comes out. Precedence, worst wins:
 *   1. a block label (schema-migration, dependencies...) holds the PR even when it also carries an allow label;
 *   2. an allow label (hotfix, rollback...) lets it through;
 *   3. when `allow.paths_only` is set and every changed path matches it, the PR is allowed (docs-only);
 *   4. everything else is held. No files (an empty PR, or a listing that may be cut at GitHub's 3,000) never
 *      proves "docs only": fail closed.
 */
import picomatch from 'picomatch';
import type { FreezeSettings } from '../config/index.js';

/** What classification needs of a pull request; built from the REST list or an event payload. */
export interface FreezePull {
  number: number;
  title: string;
  base: string;
  headSha: string;
  labels: string[];
  draft: boolean;
  state: 'open' | 'closed';
}

export interface ChangedFile {
  filename: string;
  /** Set for renames: the old path changes too, so it must match as well. */
  previousFilename?: string;
}

export type FreezeClass = 'allowed' | 'held';

export interface FreezeVerdict {
  class: FreezeClass;
  /** True when a block label holds the PR (held even with an allow label). */
  blocked: boolean;
  /** One sentence a reviewer understands, e.g. `label schema-migration blocks changes during the freeze`. */
  reason: string;
  /** The labels that decided it, if any. */
  labels: string[];
}

/** GitHub's pull-request file listing stops at 3,000 entries; a listing that long may be incomplete. */
export const MAX_LISTED_FILES = 3000;

function sameLabel(a: string, b: string): boolean {
  // GitHub label names are case-insensitive (adding "Hotfix" to a repo with "hotfix" reuses it).
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}

export function hasLabel(labels: readonly string[], name: string): boolean {
  return labels.some((l) => sameLabel(l, name));
}

function matching(labels: readonly string[], wanted: readonly string[]): string[] {
  return wanted.filter((w) => hasLabel(labels, w));
}

/** Whether the verdict needs the changed files: only when no label decides and `paths_only` is set. */
export function needsFiles(pull: Pick<FreezePull, 'labels'>, freeze: FreezeSettings): boolean {
  if (freeze.allow.paths_only.length === 0) return false;
  return (
    matching(pull.labels, freeze.block.labels).length === 0 &&
    matching(pull.labels, freeze.allow.labels).length === 0
  );
}

export function pathsOnlyMatcher(patterns: readonly string[]): (path: string) => boolean {
  return picomatch([...patterns], { dot: true });
}

/**
 * @param files the changed files, or null when they were not fetched (only allowed when `needsFiles` is false).
 */
export function classifyPull(
  pull: Pick<FreezePull, 'labels'>,
  files: readonly ChangedFile[] | null,
  freeze: FreezeSettings,
): FreezeVerdict {
  const blocking = matching(pull.labels, freeze.block.labels);
  if (blocking.length > 0) {
    return {
      class: 'held',
      blocked: true,
      reason: `label${blocking.length > 1 ? 's' : ''} ${blocking.join(', ')} ${blocking.length > 1 ? 'block' : 'blocks'} changes during the freeze`,
      labels: blocking,
    };
  }
  const allowing = matching(pull.labels, freeze.allow.labels);
  if (allowing.length > 0) {
    return {
      class: 'allowed',
      blocked: false,
      reason: `label ${allowing[0]} is allowed during the freeze`,
      labels: allowing.slice(0, 1),
    };
  }
  if (freeze.allow.paths_only.length === 0) {
    return { class: 'held', blocked: false, reason: 'no allow label', labels: [] };
  }
  if (files === null) {
    throw new Error(
      'classifyPull: the changed files are needed (allow.paths_only is set and no label decides)',
    );
  }
  if (files.length === 0) {
    return {
      class: 'held',
      blocked: false,
      reason: 'no allow label and no changed files to prove a docs-only change',
      labels: [],
    };
  }
  if (files.length >= MAX_LISTED_FILES) {
    return {
      class: 'held',
      blocked: false,
      reason: `no allow label and ${MAX_LISTED_FILES}+ changed files (GitHub lists at most ${MAX_LISTED_FILES})`,
      labels: [],
    };
  }
  const isAllowedPath = pathsOnlyMatcher(freeze.allow.paths_only);
  const outside = files
    .flatMap((f) => [f.filename, ...(f.previousFilename ? [f.previousFilename] : [])])
    .find((p) => !isAllowedPath(p));
  if (outside !== undefined) {
    return {
      class: 'held',
      blocked: false,
      reason: `no allow label and ${outside} is outside allow.paths_only`,
      labels: [],
    };
  }
  return {
    class: 'allowed',
    blocked: false,
    reason: `every changed file matches allow.paths_only (${files.length} file${files.length === 1 ? '' : 's'})`,
    labels: [],
  };
}
