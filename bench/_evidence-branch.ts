/**
 * An evidence branch of N releases as the product writes it (10 commits each: freeze start, preflight, five
 * stages, GA, release-tag, freeze end), built in memory with the product's own decision-log and index code and
 * written with `git fast-import`, so a bench can have 10,000 commits in seconds instead of 10,000 pushes.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Bytes } from '../src/evidence/canonical.js';
import type { DecisionInput } from '../src/evidence/decision-log.js';
import {
  buildIndexEntry,
  indexEntryPath,
  serializeIndexEntry,
  type IndexEntry,
} from '../src/evidence/evidence-index.js';
import { decisionLogChange } from '../src/evidence/record-decision.js';

const STAGES = [1, 5, 25, 50, 100];
const T0 = Date.parse('2026-01-05T07:00:00Z');

interface Change {
  path: string;
  write?: string;
  append?: string;
  record?: DecisionInput;
}

/** The branch as pushEvidence leaves it, built in memory and streamed to fast-import. */
export class BranchWriter {
  private readonly tree = new Map<string, Buffer>();
  private index: IndexEntry | null = null;
  private readonly parts: Buffer[] = [];
  private commits = 0;

  commit(message: string, at: number, changes: Change[]): void {
    const clock = { now: () => new Date(at) };
    const changed = new Set<string>();
    const logs: { path: string; version: string; deployment_id: string }[] = [];
    const put = (file: string, text: string): void => {
      const bytes = Buffer.from(text);
      if (!this.tree.get(file)?.equals(bytes)) changed.add(file);
      this.tree.set(file, bytes);
    };
    for (const c of changes) {
      const current = this.tree.get(c.path)?.toString('utf8') ?? null;
      if (c.write !== undefined) put(c.path, c.write);
      else if (c.append !== undefined) put(c.path, (current ?? '') + c.append);
      else if (c.record) {
        const change = decisionLogChange(c.path, c.record, clock) as {
          update: (cur: string | null, ws: { digestOf(p: string): string | null }) => string;
        };
        const text = change.update(current, {
          digestOf: (p) => (this.tree.has(p) ? sha256Bytes(this.tree.get(p)!) : null),
        });
        put(c.path, text);
        logs.push({ path: c.path, version: c.record.version, deployment_id: c.record.deployment_id });
      }
    }
    const entry = buildIndexEntry(this.index, {
      recordedAt: new Date(at),
      subject: message,
      files: [...changed].map((p) => ({ path: p, sha256: sha256Bytes(this.tree.get(p)!) })),
      logs,
    });
    this.index = entry;
    const entryPath = indexEntryPath(entry.seq);
    this.tree.set(entryPath, Buffer.from(serializeIndexEntry(entry)));
    changed.add(entryPath);

    const head = `commit refs/heads/canary-evidence\nmark :${++this.commits}\ncommitter canary-conductor[bot] <canary-conductor@users.noreply.github.com> ${Math.floor(at / 1000)} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n${this.commits > 1 ? `from :${this.commits - 1}\n` : ''}`;
    this.parts.push(Buffer.from(head));
    for (const file of changed) {
      const bytes = this.tree.get(file)!;
      this.parts.push(
        Buffer.from(`M 100644 inline ${file}\ndata ${bytes.length}\n`),
        bytes,
        Buffer.from('\n'),
      );
    }
  }

  stream(): Buffer {
    return Buffer.concat(this.parts);
  }

  get commitCount(): number {
    return this.commits;
  }
}

export function writeRelease(w: BranchWriter, n: number): void {
  const version = releaseVersion(n);
  const id = `spark-trading-api-${version}-${1000 + n}`;
  const dir = `evidence/${version}`;
  const log = `reports/release_decisions/${id}.yaml`;
  let at = T0 + n * 86_400_000;
  const step = (minutes: number): number => (at += minutes * 60_000);
  const record = (phase: string, decision: string, files: string[], share: number): DecisionInput => ({
    version,
    deployment_id: id,
    phase,
    decision,
    reason: `${phase}: every pass criterion met`,
    approver: phase.startsWith('stage:') ? 'sre-lead' : null,
    approval_comment: null,
    start_timestamp: new Date(at).toISOString(),
    traffic_share: share,
    metrics_snapshot: { api_p95: { canary: 142, baseline: 138, threshold: '< 200', status: 'PASS' } },
    notes: '',
    run_url: `https://github.com/acme/spark-trading-api/actions/runs/${1000 + n}`,
    evidence_files: files,
  });
  const state = (phase: string): string =>
    `${JSON.stringify({ schema: 'canary-conductor/freeze-state@1', version, phase, at: new Date(at).toISOString() }, null, 2)}\n`;
  w.commit(`evidence(v${version}): freeze start`, step(0), [
    {
      path: `${dir}/freeze_window_start.txt`,
      write: `Freeze started for v${version}\nPRs on hold: 3\n`.repeat(4),
    },
    { path: 'freeze/state.json', write: state('frozen') },
  ]);
  w.commit(`evidence(v${version}): preflight`, step(5), [
    { path: `${dir}/preflight.txt`, write: `preflight v${version}: 8/8 checks passed\n`.repeat(8) },
    { path: log, record: record('preflight', 'PASS', [`${dir}/preflight.txt`], 0) },
  ]);
  STAGES.forEach((weight, i) => {
    const files = [
      `${dir}/rollout_stage_${weight}.txt`,
      `${dir}/summary_stage_${i + 1}.txt`,
      `${dir}/stage_${i + 1}.json`,
      `${dir}/warroom_log.txt`,
    ];
    w.commit(`evidence(v${version}): stage ${i + 1}`, step(15), [
      { path: files[0]!, write: `Stage ${i + 1} (${weight}%) of v${version}: PROCEED\n`.repeat(6) },
      { path: files[1]!, write: `Summary of stage ${i + 1}: 4/4 PASS, approver sre-lead\n`.repeat(6) },
      {
        path: files[2]!,
        write: `${JSON.stringify({ stage: i + 1, weight, samples: Array.from({ length: 8 }, (_, k) => ({ k, p95: 140 + k })) }, null, 2)}\n`,
      },
      {
        path: files[3]!,
        append:
          `:${(i + 1) * 15} | Stage ${i + 1} (${weight}%) | p95=142ms 5xx=0.2% | 4/4 PASS | IC: Proceed\n`.repeat(
            4,
          ),
      },
      {
        path: `${dir}/canary_timeline.txt`,
        append: `T${(i + 1) * 15}=${new Date(at).toISOString()} Stage: ${i + 1} (${weight}%)\n`,
      },
      { path: log, record: record(`stage:stage${i + 1}`, 'PROCEED', files, weight) },
    ]);
  });
  w.commit(`evidence(v${version}): promote (ga)`, step(2), [
    {
      path: `${dir}/canary_timeline.txt`,
      append: `T90=${new Date(at).toISOString()} Status: Complete Rollbacks: 0\n`,
    },
    { path: log, record: record('ga', 'PROMOTED', [], 100) },
  ]);
  w.commit(`evidence(v${version}): release-tag`, step(1), [
    {
      path: `${dir}/release_oneliner.txt`,
      write: `v${version} | spark-trading-api | SUCCESS | 1->5->25->50->100 | rollbacks=0\n`,
    },
    {
      path: `${dir}/canary_success_${new Date(at).toISOString().replace(/[-:]/g, '').slice(0, 15).replace('T', '_')}.txt`,
      write: `Canary of v${version} succeeded\n`.repeat(5),
    },
  ]);
  w.commit(`evidence(v${version}): freeze end`, step(1), [
    { path: `${dir}/freeze_window_end.txt`, write: `Freeze lifted for v${version}\n`.repeat(3) },
    { path: 'freeze/state.json', write: state('lifted') },
  ]);
}

/** The version of release `n`, as writeRelease names it. */
export function releaseVersion(n: number): string {
  return `1.${Math.floor(n / 100)}.${n % 100}`;
}

/** Writes `releases` releases to branch canary-evidence of the bare repository; returns the commit count. */
export function generateEvidenceBranch(bare: string, releases: number, scratch: string): number {
  const w = new BranchWriter();
  for (let n = 0; n < releases; n++) writeRelease(w, n);
  const stream = path.join(scratch, 'fast-import-stream');
  writeFileSync(stream, w.stream());
  execFileSync('sh', ['-c', 'git fast-import --quiet < "$1"', 'sh', stream], { cwd: bare });
  return w.commitCount;
}
