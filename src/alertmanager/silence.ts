/**
 * Release silences, idempotent by construction: a silence is found again by its matchers and a marker in its
 * comment naming the release and the reason (rollback, promote), so a re-run job extends the one it made instead
 * of stacking a second active silence on the same alerts.
 */
import type { AlertmanagerClient, Silence, SilenceMatcher } from './client.js';

export const SILENCE_AUTHOR = 'canary-conductor';

export type SilencePurpose = 'rollback' | 'promote';

export interface ReleaseSilenceRequest {
  matchers: Record<string, string>;
  durationSeconds: number;
  /** `spark-trading-api v1.4.0`: who and what, as people read it. */
  release: string;
  purpose: SilencePurpose;
  /** Free text (the plan's comment, the rollback reason). */
  comment?: string;
  createdBy?: string;
  now: Date;
}

export interface ReleaseSilenceResult {
  id: string;
  action: 'created' | 'extended' | 'unchanged';
  endsAt: string;
  /** Other active silences with the same marker, found and expired (left by an older version of a re-run). */
  expiredDuplicates: string[];
}

/** The marker searched for; it names the release and the purpose, so a promote silence never matches a rollback one. */
export function silenceMarker(release: string, purpose: SilencePurpose): string {
  return `[canary-conductor ${purpose} ${release}]`;
}

export function toMatchers(matchers: Record<string, string>): SilenceMatcher[] {
  return Object.entries(matchers)
    .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function sameMatchers(a: SilenceMatcher[], b: SilenceMatcher[]): boolean {
  const key = (m: SilenceMatcher) =>
    `${m.name}\u0000${m.value}\u0000${m.isRegex}\u0000${m.isEqual !== false}`;
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

/** Active or pending silences of this release and purpose on exactly these matchers. */
export function findReleaseSilences(
  silences: Silence[],
  request: Pick<ReleaseSilenceRequest, 'matchers' | 'release' | 'purpose'>,
): Silence[] {
  const marker = silenceMarker(request.release, request.purpose);
  const wanted = toMatchers(request.matchers);
  return silences.filter(
    (s) =>
      (s.status.state === 'active' || s.status.state === 'pending') &&
      s.comment.includes(marker) &&
      sameMatchers(s.matchers, wanted),
  );
}

export async function ensureReleaseSilence(
  client: AlertmanagerClient,
  request: ReleaseSilenceRequest,
): Promise<ReleaseSilenceResult> {
  if (Object.keys(request.matchers).length === 0) {
    throw new Error(
      'silence.matchers: at least one matcher is needed (a silence without matchers would mute every alert)',
    );
  }
  const createdBy = request.createdBy ?? SILENCE_AUTHOR;
  const comment = [request.comment?.trim(), silenceMarker(request.release, request.purpose)]
    .filter(Boolean)
    .join(' ');
  const wantedEnd = new Date(request.now.getTime() + request.durationSeconds * 1000);
  // The server filters by matcher; the marker and exact matcher set are checked here.
  const existing = findReleaseSilences(await client.listSilences(request.matchers), request).sort((a, b) =>
    b.endsAt.localeCompare(a.endsAt),
  );
  const [keep, ...duplicates] = existing;
  const expiredDuplicates: string[] = [];
  for (const d of duplicates) {
    await client.expireSilence(d.id);
    expiredDuplicates.push(d.id);
  }
  if (!keep) {
    const id = await client.postSilence({
      matchers: toMatchers(request.matchers),
      startsAt: request.now.toISOString(),
      endsAt: wantedEnd.toISOString(),
      createdBy,
      comment,
    });
    return { id, action: 'created', endsAt: wantedEnd.toISOString(), expiredDuplicates };
  }
  if (Date.parse(keep.endsAt) >= wantedEnd.getTime()) {
    return { id: keep.id, action: 'unchanged', endsAt: keep.endsAt, expiredDuplicates };
  }
  // Same id, same startsAt and matchers: Alertmanager updates the silence in place instead of replacing it.
  const id = await client.postSilence({
    id: keep.id,
    matchers: keep.matchers,
    startsAt: keep.startsAt,
    endsAt: wantedEnd.toISOString(),
    createdBy: keep.createdBy,
    comment,
  });
  return { id, action: 'extended', endsAt: wantedEnd.toISOString(), expiredDuplicates };
}

/** Expires this release's silences for the purpose (after a promote, or when the plan lifts them early). */
export async function expireReleaseSilences(
  client: AlertmanagerClient,
  request: Pick<ReleaseSilenceRequest, 'matchers' | 'release' | 'purpose'>,
): Promise<string[]> {
  const found = findReleaseSilences(await client.listSilences(request.matchers), request);
  for (const s of found) await client.expireSilence(s.id);
  return found.map((s) => s.id);
}
