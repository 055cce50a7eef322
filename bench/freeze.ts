/**
 * Freeze start against the GitHub emulator in policy mode (GitHub's published secondary limits enforced on a
 * scaled clock): requests, writes, wall time here, the time the same run takes on GitHub's clock, and the floor
 * the published write limits (80 content-creating requests a minute, 500 an hour) impose on that many writes.
 * Run: npx tsx bench/freeze.ts
 */
import { pathToFileURL } from 'node:url';
import { createTemplateSource } from '../src/evidence/render.js';
import { gitEvidenceWriter } from '../src/freeze/evidence.js';
import { createWritePacer, writeFloorMs } from '../src/freeze/pacer.js';
import { startFreeze } from '../src/freeze/start.js';
import { gitStateReader } from '../src/freeze/state-store.js';
import { clientForEmulator } from '../test/github-emulator/client.js';
import { startGitHubEmulator } from '../test/github-emulator/index.js';
import { bareRepo, emulatorClock, FREEZE, mixedPulls, PLAN, seedOf } from '../test/freeze/support.js';

// Slow enough that our own writes outrun the hourly limit (so the pacer must hold them back), fast enough to
// fit two emulated hours of writes into about a minute.
const SCALE = 120;

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m >= 60
    ? `${Math.floor(m / 60)}h ${String(Math.round(m % 60)).padStart(2, '0')}m`
    : `${m.toFixed(1)}m`;
}

async function measure(count: number) {
  const emulator = await startGitHubEmulator({
    seed: { pulls: seedOf(mixedPulls(count)) },
    clockScale: SCALE,
    policy: true,
  });
  const evidence = bareRepo();
  try {
    const { client, repo } = clientForEmulator(emulator);
    const clock = emulatorClock(emulator);
    const started = performance.now();
    const result = await startFreeze(
      {
        github: client,
        repo,
        freeze: FREEZE,
        pacer: createWritePacer({ clock }),
        clock,
        actor: 'bench',
        runUrl: '',
        log: () => undefined,
      },
      {
        version: '1.4.0',
        release: 'v1.4.0',
        service: PLAN.release.service,
        stateReader: gitStateReader({ remote: evidence.dir, branch: 'canary-evidence' }),
        evidence: gitEvidenceWriter({ remote: evidence.dir, branch: 'canary-evidence' }),
        evidenceContext: {
          templates: createTemplateSource(),
          evidenceDir: 'evidence/1.4.0',
          service: PLAN.release.service,
          runUrl: '',
        },
        nextWindow: () => 'after the canary',
      },
    );
    const wallMs = performance.now() - started;
    const writes = emulator.requests.filter((r) => r.method !== 'GET');
    const arrivals = writes.map((r) => r.emulatedArrival);
    const report = emulator.policyReport();
    return {
      count,
      held: result.pulls.filter((p) => p.class === 'held').length,
      requests: emulator.requests.length,
      writes: writes.length,
      wallMs,
      githubMs: arrivals.length ? Math.max(...arrivals) - Math.min(...arrivals) : 0,
      floorMs: writeFloorMs(writes.length),
      limited: report.secondaryLimitAnswers,
      perMinute: report.maxAcceptedPerMinute,
      perHour: report.maxAcceptedPerHour,
    };
  } finally {
    await emulator.close();
    evidence.cleanup();
  }
}

export async function run(): Promise<string> {
  const rows = [];
  for (const count of [100, 1000]) rows.push(await measure(count));
  const header = [
    'PRs',
    'held',
    'requests',
    'writes',
    'wall time (here)',
    'emulated time',
    'floor (80/min, 500/h)',
    'max/min',
    'max/h',
    '2nd-limit answers',
  ];
  const lines = rows.map((r) => [
    String(r.count),
    String(r.held),
    String(r.requests),
    String(r.writes),
    `${(r.wallMs / 1000).toFixed(1)}s`,
    minutes(r.githubMs),
    minutes(r.floorMs),
    String(r.perMinute),
    String(r.perHour),
    String(r.limited),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    `freeze start, emulator in policy mode (clock x${SCALE}); writes = GitHub writes (labels, statuses); evidence goes to git. Emulated time includes local request latency x scale.`,
    fmt(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...lines.map(fmt),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${await run()}\n`);
}
