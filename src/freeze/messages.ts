/** The words a freeze writes on pull requests and commits, in one place so they stay consistent. */
import { renderTemplate, type FreezeSettings } from '../config/index.js';
import type { FreezeVerdict } from './classify.js';
import type { WantedStatus } from './pull-ops.js';

export function heldStatus(release: string, verdict: FreezeVerdict): WantedStatus {
  return { state: 'failure', description: `Release freeze for ${release}: held (${verdict.reason})` };
}

export function allowedStatus(release: string, verdict: FreezeVerdict): WantedStatus {
  return { state: 'success', description: `Allowed during the ${release} freeze: ${verdict.reason}` };
}

export const NO_FREEZE_STATUS: WantedStatus = { state: 'success', description: 'No release freeze active' };

export function liftedStatus(release: string): WantedStatus {
  return { state: 'success', description: `Release freeze for ${release} lifted` };
}

export function unfrozenBaseStatus(base: string): WantedStatus {
  return { state: 'success', description: `Base branch ${base} is not frozen` };
}

/** What the freeze lets through, as lines for the evidence file and the comment. */
export function allowedChanges(freeze: FreezeSettings): string[] {
  const lines = freeze.allow.labels.map((l) => `PRs labelled ${l}`);
  if (freeze.allow.paths_only.length > 0)
    lines.push(`PRs that only change ${freeze.allow.paths_only.join(', ')}`);
  return lines;
}

export function commentBody(
  freeze: FreezeSettings,
  context: { release: string; version: string; service: string; runUrl: string },
): string {
  if (typeof freeze.comment === 'string') {
    return renderTemplate(
      freeze.comment,
      {
        version: context.version,
        tag: context.release,
        service: context.service,
        ...(context.runUrl ? { run_url: context.runUrl } : {}),
      },
      'freeze.comment',
    );
  }
  const allowed = allowedChanges(freeze);
  return [
    `🔒 **Release freeze for ${context.release}.** This pull request is on hold and cannot merge until the freeze lifts.`,
    '',
    `The \`${freeze.label}\` label and the failing \`${freeze.status_check}\` check clear on their own when it does.`,
    allowed.length > 0
      ? `Allowed during the freeze: ${allowed.join('; ')}.`
      : 'Nothing is allowed to merge during the freeze.',
  ].join('\n');
}
