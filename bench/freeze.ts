/**
 * freeze start, the way the action runs it, against the GitHub emulator with GitHub's published limits enforced on
 * a scaled clock: the secondary limits (80 content-creating requests a minute, 500 an hour) and GITHUB_TOKEN's
 * primary limit (1,000 requests an hour, every answer carrying x-ratelimit-*). Every PR's head starts with a green
 * release-freeze status, as the guard leaves it outside a freeze, so a held PR can merge until the freeze blocks it.
 *
 * For 100 and 1,000 open PRs, with and without a merge-block ruleset (admin/App token), it prints:
 *   - until no PR can merge: from the run's start to the ruleset's POST, or to the last blocking status on a held
 *     PR that could merge;
 *   - total: the whole run, labels, statuses and evidence included;
 *   - each beside its floor under the published limits, for the requests that part of the run needed;
 *   - the limit answers GitHub would have sent (secondary and primary): the goal is none.
 * Emulated times include the client's local time between requests multiplied by the clock scale (see SCALE).
 * Run: npx tsx bench/freeze.ts [100|1000 ...]
 */
import { pathToFileURL } from 'node:url';
import { GITHUB_CONTENT_LIMITS, writeFloorMs } from '../src/freeze/pacer.js';
import { freezeBed, GITHUB_TOKEN_PRIMARY_LIMIT } from '../test/freeze/harness.js';
import { mixedPulls, seedOf } from '../test/freeze/support.js';

// Every emulated second here is 1/SCALE of a real one, and so is the client's own time between requests (~40 ms
// real per write on this machine, GitHub's recommended 1 s spacing included). At x40 that is ~1.6 s of GitHub time
// per write, close to (a little above) what a write costs against GitHub; a faster clock would charge local
// overhead as hours. A 1,000-PR run then takes a few minutes. Override: FREEZE_BENCH_SCALE.
const SCALE = Number(process.env['FREEZE_BENCH_SCALE'] ?? 40);
const HOUR = 3_600_000;

/** Fixed hourly windows from the first request: n requests need ceil(n / limit) windows. */
export function primaryFloorMs(requests: number, limit = GITHUB_TOKEN_PRIMARY_LIMIT): number {
  return requests <= limit ? 0 : Math.ceil(requests / limit - 1) * HOUR;
}

function duration(ms: number): string {
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = s / 60;
  return m >= 60
    ? `${Math.floor(m / 60)}h ${String(Math.round(m % 60)).padStart(2, '0')}m`
    : `${m.toFixed(1)}m`;
}

interface Row {
  count: number;
  path: 'ruleset' | 'status';
  held: number;
  requests: number;
  writes: number;
  untilHeldMs: number;
  untilHeldFloorMs: number;
  totalMs: number;
  totalFloorMs: number;
  secondary: number;
  primary: number;
  wallMs: number;
}

async function measure(count: number, path: Row['path']): Promise<Row> {
  const bed = await freezeBed({ pulls: seedOf(mixedPulls(count)), clockScale: SCALE });
  try {
    const startedAt = bed.emulator.clock.now();
    const wallStart = performance.now();
    const outcome = await bed.run('start', { mergeBlock: path === 'ruleset' });
    if (outcome.mode !== 'start') throw new Error('expected a start result');
    const totalMs = bed.emulator.clock.now() - startedAt;
    const wallMs = performance.now() - wallStart;
    const requests = bed.emulator.requests;
    const isWrite = (r: (typeof requests)[number]) => r.method !== 'GET';
    const held = new Set(outcome.result.pulls.filter((p) => p.class === 'held').map((p) => p.headSha));
    let holding: (typeof requests)[number] | undefined;
    if (path === 'ruleset') {
      holding = bed.emulator.requestsFor('repos/create-repo-ruleset').find((r) => r.status === 201);
    } else {
      const blocking = bed.emulator
        .requestsFor('repos/create-commit-status')
        .filter((r) => r.status === 201 && held.has(r.params['sha'] ?? ''));
      holding = blocking.sort((a, b) => a.emulatedArrival - b.emulatedArrival).at(-1);
    }
    if (!holding) throw new Error(`${path} path over ${count} PRs: no blocking request was found`);
    const before = requests.filter((r) => r.seq <= holding.seq);
    const writesBefore = before.filter(isWrite).length;
    return {
      count,
      path,
      held: held.size,
      requests: requests.length,
      writes: requests.filter(isWrite).length,
      untilHeldMs: holding.emulatedArrival - startedAt,
      untilHeldFloorMs: Math.max(writeFloorMs(writesBefore), primaryFloorMs(before.length)),
      totalMs,
      totalFloorMs: Math.max(writeFloorMs(requests.filter(isWrite).length), primaryFloorMs(requests.length)),
      secondary: bed.emulator.policyReport().secondaryLimitAnswers,
      primary: bed.front.refused,
      wallMs,
    };
  } finally {
    await bed.close();
  }
}

export async function run(counts = [100, 1000]): Promise<string> {
  const rows: Row[] = [];
  for (const count of counts)
    for (const path of ['status', 'ruleset'] as const) rows.push(await measure(count, path));
  const header = [
    'PRs',
    'path',
    'held',
    'requests',
    'writes',
    'until no PR can merge',
    'its floor',
    'total',
    'its floor',
    '2nd-limit answers',
    'primary answers',
    'wall',
  ];
  const lines = rows.map((r) => [
    String(r.count),
    r.path === 'ruleset' ? 'ruleset (admin token)' : 'statuses only',
    String(r.held),
    String(r.requests),
    String(r.writes),
    duration(r.untilHeldMs),
    duration(r.untilHeldFloorMs),
    duration(r.totalMs),
    duration(r.totalFloorMs),
    String(r.secondary),
    String(r.primary),
    `${(r.wallMs / 1000).toFixed(0)}s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    `freeze start via runFreezeWindow, emulator clock x${SCALE}; limits enforced: ${GITHUB_CONTENT_LIMITS.perMinute}/min and ${GITHUB_CONTENT_LIMITS.perHour}/h content-creating, ${GITHUB_TOKEN_PRIMARY_LIMIT} requests/h primary (GITHUB_TOKEN).`,
    'Floors: the least time those limits allow for the requests that part of the run made (writes under the secondary windows, all requests under the primary window).',
    fmt(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.map(fmt),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  process.stdout.write(`${await run(counts.length ? counts : undefined)}\n`);
}
