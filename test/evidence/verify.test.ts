import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as verifyCli } from '../../src/cli/commands/verify-evidence.js';
import { run as evidenceCli } from '../../src/cli/commands/evidence.js';
import { recordHash } from '../../src/evidence/decision-log.js';
import { pushEvidence } from '../../src/evidence/push.js';
import { decisionLogChange } from '../../src/evidence/record-decision.js';
import { verifyEvidence } from '../../src/evidence/verify.js';
import { bareRepository, fixedClock, git, tempRoot } from '../git/helpers.js';
import { rehashIndex } from './attack-tools.js';
import { decision } from './fixtures.js';
import { execGit } from '../support/git.js';

const LOG = 'reports/release_decisions/spark-1.4.0-42.yaml';
const PHASES = ['preflight', 'stage:pilot', 'promote', 'ga'];
let tmp: ReturnType<typeof tempRoot>;
let remote: string;
let n = 0;

async function cli(
  command: typeof verifyCli,
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { PATH: process.env.PATH, ...env },
    cwd: tmp.dir,
  });
  return { code, out, err };
}

/** A plain directory copy of the evidence branch (no .git, so only the chain itself protects it). */
function exportBranch(): string {
  const dir = path.join(tmp.dir, `export-${n++}`);
  mkdirSync(dir);
  execFileSync('sh', ['-c', `git -C "${remote}" archive canary-evidence | tar -x -C "${dir}"`]);
  return dir;
}

function editLog(dir: string, edit: (records: Record<string, unknown>[]) => void): void {
  const file = path.join(dir, LOG);
  const records = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
  edit(records);
  writeFileSync(file, YAML.stringify(records));
}

beforeAll(async () => {
  tmp = tempRoot('verify-');
  remote = bareRepository(tmp.dir);
  const clock = fixedClock('2026-05-16T21:30:00Z');
  for (const phase of PHASES) {
    const file = `evidence/1.4.0/${phase.replace(':', '_')}.txt`;
    await pushEvidence({
      remote,
      branch: 'canary-evidence',
      files: [
        { path: file, content: `${phase}\n` },
        decisionLogChange(LOG, decision(phase, { evidence_files: [file] }), clock),
      ],
      message: `evidence(v1.4.0): ${phase}`,
    });
  }
});
afterAll(() => tmp.cleanup());

describe('verify-evidence', () => {
  it('an untouched log verifies from the bare repository, a file URL and a plain directory', async () => {
    const result = await verifyEvidence(remote);
    expect(result).toMatchObject({ ok: true, source: 'repository', records: 4, problems: [] });
    expect(result.logs).toEqual([
      {
        file: LOG,
        version: '1.4.0',
        deployment_id: 'spark-1.4.0-42',
        records: 4,
        sealed: true,
        gaSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        commitsChecked: 4,
      },
    ]);
    expect(result).toMatchObject({ files: 5, indexEntries: 4, commitsChecked: 4 });
    expect((await verifyEvidence(`file://${remote}`)).ok).toBe(true);
    expect(await verifyEvidence(exportBranch())).toMatchObject({ ok: true, source: 'directory', records: 4 });

    const ok = await cli(verifyCli, [remote, '--version', '1.4.0']);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toContain(
      '1 decision log(s), 4 record(s), 5 file(s) matching their digests, 4 index entries, chain intact, 4 commit(s) only added or appended',
    );
    expect(ok.out).toContain(`${LOG}: 4 record(s), sealed at GA`);
  });

  it('a version with no decision log is a failure, not an empty pass', async () => {
    const r = await cli(verifyCli, [remote, '--version', '9.9.9']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('the evidence index lists no decision log of version 9.9.9');
  });

  const fields = [
    'version',
    'phase',
    'decision',
    'reason',
    'approver',
    'approval_comment',
    'start_timestamp',
    'recorded_at',
    'traffic_share',
    'metrics_snapshot',
    'notes',
    'run_url',
    'evidence_files',
    'prev_sha256',
    'sha256',
  ];
  for (const field of fields) {
    it(`editing ${field} of any record exits 1 naming that record`, async () => {
      for (const index of [0, 2, 3]) {
        const dir = exportBranch();
        editLog(dir, (records) => {
          const r = records[index]!;
          const v = r[field];
          r[field] = field.endsWith('sha256')
            ? 'a'.repeat(64)
            : typeof v === 'string'
              ? `${v} (edited)`
              : Array.isArray(v)
                ? [...v, 'evidence/1.4.0/preflight.txt']
                : typeof v === 'object' && v !== null
                  ? { ...v, edited: 1 }
                  : 99;
        });
        const r = await cli(verifyCli, [dir]);
        expect(r.code).toBe(1);
        expect(r.err).toContain(
          `evidence verification FAILED at ${LOG} record ${index} (phase ${PHASES[index]}${field === 'phase' ? ' (edited)' : ''})`,
        );
      }
    });
  }

  it('deleting a record or reordering two exits 1 naming the record', async () => {
    const deleted = exportBranch();
    editLog(deleted, (records) => records.splice(1, 1));
    const d = await cli(verifyCli, [deleted]);
    expect(d.code).toBe(1);
    expect(d.err).toContain(
      `FAILED at ${LOG} record 1 (phase promote): prev_sha256: does not link to record 0`,
    );

    const reordered = exportBranch();
    editLog(reordered, (records) => ([records[1], records[2]] = [records[2]!, records[1]!]));
    const r = await cli(verifyCli, [reordered]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`FAILED at ${LOG} record 1 (phase promote)`);
  });

  it('a missing evidence file named by a record exits 1', async () => {
    const dir = exportBranch();
    rmSync(path.join(dir, 'evidence/1.4.0/stage_pilot.txt'));
    const r = await cli(verifyCli, [dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `record 1 (phase stage:pilot): evidence_files: names evidence/1.4.0/stage_pilot.txt`,
    );
  });

  it('git history catches removing the last record and rewriting the whole chain', async () => {
    const clone = path.join(tmp.dir, 'clone');
    execGit(['clone', '--quiet', '--branch', 'canary-evidence', remote, clone]);

    // Drop the ga record: the chain that is left is valid; the log's digest in the index shows the change.
    const text = readFileSync(path.join(clone, LOG), 'utf8');
    writeFileSync(path.join(clone, LOG), text.slice(0, text.lastIndexOf('\n- version:') + 1));
    const local = await cli(verifyCli, [clone]);
    expect(local.code).toBe(1);
    expect(local.err).toContain(
      `FAILED at ${LOG}: sha256: content does not match the sha256 recorded by evidence index entry 3`,
    );

    git(clone, 'commit', '--quiet', '-am', 'tidy');
    git(clone, 'push', '--quiet', 'origin', 'canary-evidence');
    const pushed = await cli(verifyCli, [remote]);
    expect(pushed.code).toBe(1);
    expect(pushed.err).toMatch(
      new RegExp(`record 3 \\(phase ga\\): was removed .*\\[commit [0-9a-f]{12}\\]`),
    );
  });

  it('rewriting a record and recomputing every hash after it is caught by history', async () => {
    const bare = bareRepository(tmp.dir, 'rewrite.git');
    execGit(['--git-dir', remote, 'push', '--quiet', bare, 'canary-evidence~1:refs/heads/canary-evidence']);
    const clone = path.join(tmp.dir, 'rewrite');
    execGit(['clone', '--quiet', '--branch', 'canary-evidence', bare, clone]);
    editLog(clone, (records) => {
      records[1]!.approver = 'mallory';
      for (let i = 1; i < records.length; i++) {
        if (i > 1) records[i]!.prev_sha256 = records[i - 1]!.sha256;
        records[i]!.sha256 = recordHash(records[i]!);
      }
    });
    rehashIndex(clone);
    expect((await verifyEvidence(exportDir(clone))).ok).toBe(true); // the chains alone cannot see it
    git(clone, 'commit', '--quiet', '-am', 'rewrite');
    git(clone, 'push', '--quiet', 'origin', 'canary-evidence');
    const r = await cli(verifyCli, [bare]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${LOG} record 1 (phase stage:pilot): approver: differs from the committed record (changed: approver, sha256)`,
    );
    expect(r.err).toMatch(
      /reports\/evidence_index\/000000\/00000003.json: evidence index entry was rewritten/,
    );
  });

  it('bad input exits 2', async () => {
    expect((await cli(verifyCli, [])).code).toBe(2);
    expect((await cli(verifyCli, [path.join(tmp.dir, 'nope')])).code).toBe(2);
    expect((await cli(verifyCli, [remote, '--bogus'])).code).toBe(2);
    const notRepo = path.join(tmp.dir, 'empty-dir');
    mkdirSync(notRepo);
    const r = await cli(verifyCli, [notRepo]);
    expect(r).toMatchObject({ code: 2 });
    expect(r.err).toContain('has no evidence (no reports/evidence_index/) and is not a git repository');
  });
});

function exportDir(clone: string): string {
  const dir = path.join(tmp.dir, `copy-${n++}`);
  execFileSync('cp', [
    '-r',
    path.join(clone, 'reports'),
    path.join(clone, 'evidence'),
    '--target-directory',
    (mkdirSync(dir), dir),
  ]);
  return dir;
}

describe('evidence push (CLI)', () => {
  it('pushes a folder, converges on re-run, and names bad input', async () => {
    const bare = bareRepository(tmp.dir, 'cli.git');
    const from = path.join(tmp.dir, 'cli-out');
    mkdirSync(from);
    writeFileSync(path.join(from, 'preflight.txt'), 'PREFLIGHT ok\n');
    const args = [
      'push',
      '--remote',
      bare,
      '--from',
      from,
      '--to',
      'evidence/2.0.0',
      '--message',
      'evidence(v2.0.0): preflight\n\nRun: local',
    ];
    const first = await cli(evidenceCli, args);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toMatch(/^pushed 1 file\(s\) to canary-evidence as [0-9a-f]{40} \(1 attempt\(s\)\)/);
    const again = await cli(evidenceCli, [...args, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ changed: false, files: ['evidence/2.0.0/preflight.txt'] });
    expect(git(bare, 'show', 'canary-evidence:evidence/2.0.0/preflight.txt')).toBe('PREFLIGHT ok\n');

    const noMessage = await cli(evidenceCli, ['push', '--remote', bare, '--from', from, '--to', 'e']);
    expect(noMessage.code).toBe(2);
    expect(noMessage.err).toContain('--message is required');
    const noRemote = await cli(evidenceCli, ['push', '--from', from, '--to', 'e', '--message', 'm']);
    expect(noRemote.code).toBe(2);
    expect(noRemote.err).toContain('evidence-remote: not given and GITHUB_REPOSITORY is not set');
    expect((await cli(evidenceCli, ['pull'])).code).toBe(2);
  });
});
