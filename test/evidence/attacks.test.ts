/**
 * The attacks of an evidence-branch pusher, each played as ordinary commits (or a force-pushed rewrite) on a
 * copy of a real branch written by pushEvidence: verify-evidence must name each one and exit 1, and the
 * untouched branch must still verify.
 */
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as verifyCli } from '../../src/cli/commands/verify-evidence.js';
import { readDecisionLog, recordHash } from '../../src/evidence/decision-log.js';
import { pushEvidence } from '../../src/evidence/push.js';
import { decisionLogChange } from '../../src/evidence/record-decision.js';
import { gaAnchorLine } from '../../src/release/anchor.js';
import { fixedClock, git, tempRoot } from '../git/helpers.js';
import { addIndexEntry, rehashIndex, rewriteLog } from './attack-tools.js';
import { decision } from './fixtures.js';
import { execGit } from '../support/git.js';

const SEALED = 'reports/release_decisions/spark-1.4.0-42.yaml';
const OPEN = 'reports/release_decisions/spark-1.5.0-77.yaml';
const SUMMARY = 'evidence/1.4.0/summary_stage_1.txt';
let tmp: ReturnType<typeof tempRoot>;
let pristine: string;
let n = 0;

async function verify(
  target: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await verifyCli([target, ...args], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { PATH: process.env.PATH },
    cwd: tmp.dir,
  });
  return { code, out, err };
}

/** A copy of the pristine repository and a work tree of its evidence branch to attack. */
function attackable(): { bare: string; work: string; commit(message: string): void } {
  const bare = path.join(tmp.dir, `attack-${n}.git`);
  const work = path.join(tmp.dir, `attack-${n++}`);
  execGit(['clone', '--quiet', '--bare', pristine, bare]);
  execGit(['clone', '--quiet', '--branch', 'canary-evidence', bare, work]);
  return {
    bare,
    work,
    commit(message) {
      git(work, 'add', '--all');
      git(work, 'commit', '--quiet', '-m', message);
      git(work, 'push', '--quiet', 'origin', 'canary-evidence');
    },
  };
}

beforeAll(async () => {
  tmp = tempRoot('attacks-');
  pristine = path.join(tmp.dir, 'pristine.git');
  execGit(['init', '--quiet', '--bare', pristine]);
  const clock = fixedClock('2026-05-16T21:30:00Z');
  const release = async (version: string, log: string, phases: string[]): Promise<void> => {
    for (const [i, phase] of phases.entries()) {
      const files = [
        {
          path: `evidence/${version}/summary_stage_${i + 1}.txt`,
          content: `${phase} of ${version}: PROCEED\n`,
        },
        {
          path: `evidence/${version}/warroom_log.txt`,
          content: `:${i}0 | ${phase} | IC: Proceed\n`,
          mode: 'append' as const,
        },
      ];
      await pushEvidence({
        remote: pristine,
        branch: 'canary-evidence',
        files: [
          ...files,
          decisionLogChange(
            log,
            decision(phase, {
              version,
              deployment_id: path.basename(log, '.yaml'),
              evidence_files: files.map((f) => f.path),
            }),
            clock,
          ),
        ],
        message: `evidence(v${version}): ${phase}`,
        clock,
      });
    }
  };
  await release('1.4.0', SEALED, ['stage:pilot', 'stage:full', 'ga']);
  await release('1.5.0', OPEN, ['stage:pilot']);
  // The release tag, as release-tag writes it: its message carries the GA record's sha256.
  const ga = readDecisionLog(git(pristine, 'show', `canary-evidence:${SEALED}`), SEALED).at(-1)!;
  const message = `Canary deployment successful\n\n${gaAnchorLine({ version: '1.4.0', decisionLog: SEALED, gaSha256: ga.sha256 })}\n`;
  git(pristine, 'tag', '-a', 'v1.4.0', '-m', message, 'canary-evidence');
}, 60_000);
afterAll(() => tmp.cleanup());

describe('verify-evidence against an evidence-branch pusher', () => {
  it('the untouched branch verifies, also against the release tag', async () => {
    const whole = await verify(pristine);
    expect(whole).toMatchObject({ code: 0, err: '' });
    expect(whole.out).toContain(
      '2 decision log(s), 4 record(s), 8 file(s) matching their digests, 4 index entries',
    );
    const tagged = await verify(pristine, '--tag', 'v1.4.0');
    expect(tagged).toMatchObject({ code: 0, err: '' });
    expect(tagged.out).toContain('GA record of 1.4.0 matches tag v1.4.0');
  });

  it('rename + rehash of a log: named as a deletion of the log', async () => {
    const a = attackable();
    const renamed = 'reports/release_decisions/spark-1.4.0-42-clean.yaml';
    rewriteLog(a.work, SEALED, (records) => (records[0]!.approver = 'mallory'));
    renameSync(path.join(a.work, SEALED), path.join(a.work, renamed));
    rehashIndex(a.work, { [SEALED]: renamed });
    a.commit('tidy the decision logs');
    const r = await verify(a.bare);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${SEALED}: was deleted .*a rename.*\\[commit [0-9a-f]{12}\\]`));
    expect(r.err).toContain('evidence index entry was rewritten');
  });

  it('deleting one of several logs: named as missing and as deleted', async () => {
    const a = attackable();
    rmSync(path.join(a.work, OPEN));
    a.commit('drop a log');
    const r = await verify(a.bare);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(`${OPEN}: is named by evidence index entry \\d+ but is not on the branch`),
    );
    expect(r.err).toContain(`${OPEN}: was deleted`);
  });

  it('moving a log into a subfolder or changing its extension: named', async () => {
    for (const to of [
      'reports/release_decisions/archive/spark-1.4.0-42.yaml',
      SEALED.replace(/\.yaml$/, '.yml'),
    ]) {
      const a = attackable();
      mkdirSync(path.dirname(path.join(a.work, to)), { recursive: true });
      renameSync(path.join(a.work, SEALED), path.join(a.work, to));
      a.commit('reorganise');
      const r = await verify(a.bare);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${SEALED}: is named by evidence index entry`);
      expect(r.err).toContain(`${to}: is not named by the evidence index`);
      expect(r.err).toContain(`${SEALED}: was deleted`);
    }
  });

  it('editing an evidence file: named by its digest and by the commit that rewrote it', async () => {
    const a = attackable();
    writeFileSync(path.join(a.work, SUMMARY), 'stage:pilot of 1.4.0: PROCEED (nothing to see)\n');
    a.commit('typo');
    const r = await verify(a.bare);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `${SUMMARY}: sha256: content does not match the sha256 recorded by evidence index entry 0`,
    );
    expect(r.err).toMatch(
      new RegExp(`${SUMMARY}: was rewritten \\(not appended to\\) without an evidence index entry`),
    );

    // Rehashing the index as well still leaves the decision record's digest and the history against it.
    const b = attackable();
    writeFileSync(path.join(b.work, SUMMARY), 'stage:pilot of 1.4.0: PROCEED (nothing to see)\n');
    rehashIndex(b.work);
    b.commit('typo');
    const s = await verify(b.bare);
    expect(s.code).toBe(1);
    expect(s.err).toContain(`names ${SUMMARY} with sha256`);
    expect(s.err).toContain('evidence index entry was rewritten');
  });

  it('a file no record names: listed', async () => {
    const a = attackable();
    writeFileSync(path.join(a.work, 'evidence/1.4.0/approval_note.txt'), 'approved by risk\n');
    a.commit('note');
    const r = await verify(a.bare);
    expect(r.code).toBe(1);
    expect(r.err).toContain('evidence/1.4.0/approval_note.txt: is not named by the evidence index');
  });

  it('a symlinked file and a symlinked directory: named as links, in the tree and in history', async () => {
    const a = attackable();
    symlinkSync('/etc/hostname', path.join(a.work, 'evidence/1.4.0/preflight.txt'));
    symlinkSync(tmp.dir, path.join(a.work, 'evidence/2.0.3'));
    a.commit('links');
    const r = await verify(a.bare);
    expect(r.code).toBe(1);
    expect(r.err).toContain('evidence/1.4.0/preflight.txt: is a symbolic link (-> /etc/hostname)');
    expect(r.err).toContain(`evidence/2.0.3: is a symbolic link (-> ${tmp.dir})`);
    expect(r.err).toContain('evidence/2.0.3: was committed as a symbolic link');
    // A checkout holding the links is refused the same way, without following them.
    const local = await verify(a.work);
    expect(local.code).toBe(1);
    expect(local.err).toContain('evidence/2.0.3: is a symbolic link');
  });

  it('a forged APPROVED record appended after GA, its hashes and index entry right: named as written after the seal', async () => {
    const a = attackable();
    appendForgedRecord(a.work, SEALED, { phase: 'signoff:risk', decision: 'APPROVED', approver: 'mallory' });
    addIndexEntry(a.work, [SEALED]);
    a.commit('evidence(v1.4.0): risk sign-off');
    const r = await verify(a.bare);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `FAILED at ${SEALED} record 3 (phase signoff:risk): phase: written after the log was sealed by the "ga" record 2`,
    );
  });

  it('a force-pushed rewrite verifies on its own, and is named against --tag', async () => {
    const a = attackable();
    rewriteLog(a.work, SEALED, (records) => (records[0]!.approver = 'mallory'));
    rehashIndex(a.work);
    // One fresh orphan commit holding the rewritten tree: a history with nothing but additions.
    git(a.work, 'checkout', '--quiet', '--orphan', 'rewritten');
    git(a.work, 'add', '--all');
    git(a.work, 'commit', '--quiet', '-m', 'evidence');
    git(a.work, 'push', '--quiet', '--force', 'origin', 'rewritten:canary-evidence');
    const alone = await verify(a.bare);
    expect(alone.code).toBe(0); // a rewrite by someone allowed to force-push is invisible from the branch alone
    const r = await verify(a.bare, '--tag', 'v1.4.0');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `${SEALED}: anchor: the GA record does not match tag v1.4.0, which carries sha256 [0-9a-f]{64} .*the branch was rewritten after the release`,
      ),
    );
  });

  it('a tag without the anchor, a lightweight tag or a missing tag is bad input (exit 2)', async () => {
    git(pristine, 'tag', 'v0.0.1-light', 'canary-evidence');
    for (const tag of ['v0.0.1-light', 'v9.9.9', '-x']) {
      const r = await verify(pristine, `--tag=${tag}`);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/tag: /);
    }
  });
});

describe('verify-evidence --version: one release, read from its own commits', () => {
  it('the untouched branch verifies for each release, and for 1.4.0 against its tag', async () => {
    for (const version of ['1.4.0', '1.5.0']) {
      const r = await verify(pristine, '--version', version);
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toContain('1 decision log(s)');
    }
    const tagged = await verify(pristine, '--version', '1.4.0', '--tag', 'v1.4.0');
    expect(tagged).toMatchObject({ code: 0, err: '' });
  });

  // Each attack on release 1.4.0, played as in the whole-branch tests, must be named by the one-release check.
  const attacks: { name: string; play(a: ReturnType<typeof attackable>): void; names: RegExp }[] = [
    {
      name: 'rename + rehash of its log',
      play: (a) => {
        const renamed = 'reports/release_decisions/spark-1.4.0-42-clean.yaml';
        rewriteLog(a.work, SEALED, (records) => (records[0]!.approver = 'mallory'));
        renameSync(path.join(a.work, SEALED), path.join(a.work, renamed));
        rehashIndex(a.work, { [SEALED]: renamed });
        a.commit('tidy the decision logs');
      },
      names: /evidence index entry was rewritten after the commit that wrote it/,
    },
    {
      name: 'deleting its log',
      play: (a) => {
        rmSync(path.join(a.work, SEALED));
        a.commit('drop a log');
      },
      names: new RegExp(`${SEALED}: is named by evidence index entry \\d+ but is not on the branch`),
    },
    {
      name: 'moving its log',
      play: (a) => {
        mkdirSync(path.join(a.work, 'reports/release_decisions/archive'), { recursive: true });
        renameSync(path.join(a.work, SEALED), path.join(a.work, 'reports/release_decisions/archive/x.yaml'));
        a.commit('reorganise');
      },
      names: new RegExp(`${SEALED}: is named by evidence index entry`),
    },
    {
      name: 'editing one of its files',
      play: (a) => {
        writeFileSync(path.join(a.work, SUMMARY), 'stage:pilot of 1.4.0: PROCEED (nothing to see)\n');
        a.commit('typo');
      },
      names: new RegExp(`${SUMMARY}: sha256: content does not match`),
    },
    {
      name: 'editing one of its files and rehashing the index',
      play: (a) => {
        writeFileSync(path.join(a.work, SUMMARY), 'stage:pilot of 1.4.0: PROCEED (nothing to see)\n');
        rehashIndex(a.work);
        a.commit('typo');
      },
      names: /evidence index entry was rewritten after the commit that wrote it/,
    },
    {
      name: 'a file no record names in its folder',
      play: (a) => {
        writeFileSync(path.join(a.work, 'evidence/1.4.0/approval_note.txt'), 'approved by risk\n');
        a.commit('note');
      },
      names: /evidence\/1\.4\.0\/approval_note\.txt: is not named by the evidence index/,
    },
    {
      name: 'a symlinked file in its folder',
      play: (a) => {
        rmSync(path.join(a.work, 'evidence/1.4.0/preflight.txt'), { force: true });
        symlinkSync('/etc/hostname', path.join(a.work, 'evidence/1.4.0/preflight.txt'));
        a.commit('links');
      },
      names: /evidence\/1\.4\.0\/preflight\.txt: is a symbolic link/,
    },
    {
      name: 'a forged record appended after GA under its subject',
      play: (a) => {
        appendForgedRecord(a.work, SEALED, {
          phase: 'signoff:risk',
          decision: 'APPROVED',
          approver: 'mallory',
        });
        addIndexEntry(a.work, [SEALED]);
        a.commit('evidence(v1.4.0): risk sign-off');
      },
      names: /phase: written after the log was sealed/,
    },
    {
      name: 'a forged record appended after GA under another subject',
      play: (a) => {
        appendForgedRecord(a.work, SEALED, {
          phase: 'signoff:risk',
          decision: 'APPROVED',
          approver: 'mallory',
        });
        addIndexEntry(a.work, [SEALED]);
        a.commit('housekeeping');
      },
      names: new RegExp(`${SEALED}: sha256: content does not match`),
    },
  ];
  for (const attack of attacks) {
    it(`names ${attack.name}`, async () => {
      const a = attackable();
      attack.play(a);
      const r = await verify(a.bare, '--version', '1.4.0');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(attack.names);
    });
  }

  it('a force-pushed rewrite is named against --tag', async () => {
    const a = attackable();
    rewriteLog(a.work, SEALED, (records) => (records[0]!.approver = 'mallory'));
    rehashIndex(a.work);
    git(a.work, 'checkout', '--quiet', '--orphan', 'rewritten');
    git(a.work, 'add', '--all');
    git(a.work, 'commit', '--quiet', '-m', 'evidence(v1.4.0): everything');
    git(a.work, 'push', '--quiet', '--force', 'origin', 'rewritten:canary-evidence');
    const r = await verify(a.bare, '--version', '1.4.0', '--tag', 'v1.4.0');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/anchor: the GA record does not match tag v1\.4\.0/);
  });
});

/** Appends a record with a correct hash and link, the way a forger who knows the format would. */
function appendForgedRecord(dir: string, log: string, fields: Record<string, unknown>): void {
  const file = path.join(dir, log);
  const records = YAML.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
  const last = records.at(-1)!;
  const record: Record<string, unknown> = {
    ...last,
    ...fields,
    evidence_files: [],
    recorded_at: '2026-05-17T08:00:00.000Z',
    prev_sha256: last.sha256,
  };
  record.sha256 = recordHash(record);
  appendFileSync(file, YAML.stringify([record], { lineWidth: 0 }));
}
