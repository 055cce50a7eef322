/**
 * The Alertmanager v2 calls a rollback or a promotion makes (list silences with a matcher filter, create or
 * update one, expire one), served in memory on 127.0.0.1 so the real Alertmanager client and the real
 * silence logic run. Silence ids are sequential and times come from the virtual clock, so evidence that
 * names a silence is the same on every run with the same seed.
 */
import { parseJson, startLocalServer, type LocalServer } from './http-server.js';
import type { Clock } from '../platform/clock.js';

interface StoredSilence {
  id: string;
  status: { state: string };
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean }>;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  updatedAt: string;
}

export interface LocalAlertmanager extends LocalServer {
  readonly silences: readonly StoredSilence[];
}

function parseFilter(values: string[]): Array<{ name: string; value: string }> {
  return values.flatMap((f) => {
    const m = /^([^=!~]+)=(.*)$/.exec(f);
    if (!m) return [];
    let value = m[2]!;
    try {
      value = JSON.parse(value) as string;
    } catch {
      // unquoted value: used as written
    }
    return [{ name: m[1]!, value }];
  });
}

export async function startLocalAlertmanager(clock: Pick<Clock, 'now'>): Promise<LocalAlertmanager> {
  const silences: StoredSilence[] = [];
  let next = 1;
  const server = await startLocalServer((req, body, url) => {
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/api/v2/silences') {
      const filter = parseFilter(url.searchParams.getAll('filter'));
      const found = silences.filter((s) =>
        filter.every((f) => s.matchers.some((m) => m.name === f.name && m.value === f.value)),
      );
      return { status: 200, json: found };
    }
    if (method === 'POST' && url.pathname === '/api/v2/silences') {
      const posted = parseJson(body) as Partial<StoredSilence> | undefined;
      if (!posted || !Array.isArray(posted.matchers) || !posted.startsAt || !posted.endsAt) {
        return { status: 400, json: { message: 'expected a silence with matchers, startsAt and endsAt' } };
      }
      const now = clock.now().toISOString();
      const existing = posted.id ? silences.find((s) => s.id === posted.id) : undefined;
      if (posted.id && !existing) return { status: 404, json: { message: `silence ${posted.id} not found` } };
      const silence: StoredSilence = {
        id: existing?.id ?? `simulated-silence-${next++}`,
        status: { state: Date.parse(posted.startsAt) > Date.parse(now) ? 'pending' : 'active' },
        matchers: posted.matchers,
        startsAt: posted.startsAt,
        endsAt: posted.endsAt,
        createdBy: posted.createdBy ?? '',
        comment: posted.comment ?? '',
        updatedAt: now,
      };
      if (existing) silences.splice(silences.indexOf(existing), 1, silence);
      else silences.push(silence);
      return { status: 200, json: { silenceID: silence.id } };
    }
    const expire = /^\/api\/v2\/silence\/([^/]+)$/.exec(url.pathname);
    if (method === 'DELETE' && expire) {
      const s = silences.find((x) => x.id === decodeURIComponent(expire[1]!));
      if (!s) return { status: 404, json: { message: 'silence not found' } };
      s.status = { state: 'expired' };
      s.endsAt = clock.now().toISOString();
      return { status: 200, text: '' };
    }
    return {
      status: 404,
      json: { message: `${method} ${url.pathname} is not part of the simulated Alertmanager API` },
    };
  });
  return { url: server.url, close: server.close, silences };
}
