/**
 * The repository's visibility as the workflow's event payload states it (`repository.visibility`, or `private`
 * on older payloads). It tells a user why an environment has no required reviewers without an extra API call
 * (and without the `administration` permission reading the plan would need). Null when the payload says nothing.
 */
import { readFileSync } from 'node:fs';

export function repositoryVisibility(eventPath: string): string | null {
  if (!eventPath) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch {
    // A missing or unreadable payload only costs the check its more specific wording.
    return null;
  }
  const repository = (payload as { repository?: { visibility?: unknown; private?: unknown } } | null)
    ?.repository;
  if (typeof repository?.visibility === 'string') return repository.visibility;
  if (typeof repository?.private === 'boolean') return repository.private ? 'private' : 'public';
  return null;
}
