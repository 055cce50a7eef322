/**
 * What every freeze operation is given: the GitHub client (its write gate is the dry-run switch), the
 * write pacer, the plan's freeze settings, the release and a clock. Nothing here reads the environment.
 */
import type { FreezeSettings } from '../config/index.js';
import type { GitHubClient, RepoRef } from '../github/api/repo.js';
import type { WriteDescription } from '../github/write-gate.js';
import type { WritePacer } from './pacer.js';
import type { Clock } from '../platform/clock.js';

export interface FreezeRunContext {
  github: GitHubClient;
  repo: RepoRef;
  freeze: FreezeSettings;
  pacer: WritePacer;
  clock: Pick<Clock, 'now'>;
  /** The login or name recorded as the actor (GITHUB_ACTOR). */
  actor: string;
  /** The workflow run, for status links and evidence; empty outside Actions. */
  runUrl: string;
  log: (line: string) => void;
}

/** One change the freeze made (or, in dry-run, would make) to one pull request or commit. */
export interface FreezeWrite {
  pull: number | null;
  sha?: string;
  kind: 'label' | 'unlabel' | 'status' | 'comment' | 'evidence' | 'ruleset';
  detail: string;
  performed: boolean;
  request?: WriteDescription['request'];
}

/** GitHub truncates nothing itself: a status description over 140 characters is refused with a 422. */
export const STATUS_DESCRIPTION_MAX = 140;

export function statusDescription(text: string): string {
  return text.length <= STATUS_DESCRIPTION_MAX ? text : `${text.slice(0, STATUS_DESCRIPTION_MAX - 1)}…`;
}
