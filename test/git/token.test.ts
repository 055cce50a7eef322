import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushEvidence } from '../../src/evidence/push.js';
import { decisionLogChange } from '../../src/evidence/record-decision.js';
import { verifyEvidence } from '../../src/evidence/verify.js';
import { createGitCommandManager, type GitCommandManagerFactory } from '../../src/git/git-command-manager.js';
import { run as verifyCli } from '../../src/cli/commands/verify-evidence.js';
import { decision } from '../evidence/fixtures.js';
import { bareRepository, fixedClock, tempRoot } from './helpers.js';
import { startGitHttpServer, type GitHttpServer } from './http-git-server.js';
import { execGit } from '../support/git.js';

// Looks like a GitHub installation token; only ever valid for the local server below.
const TOKEN = 'fake-token-FAKEtoken0123456789abcdefABCDEF987654';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const SECRETS = [TOKEN, BASIC];

let tmp: ReturnType<typeof tempRoot>;
let server: GitHttpServer;
let remoteUrl: string;
let home: string;
let workTmp: string;
const logLines: string[] = [];
const configsSeen: string[] = [];

/** Real git with an isolated HOME, capturing each clone's .git/config at push time (before cleanup). */
const observed: GitCommandManagerFactory = (options) => {
  const inner = createGitCommandManager({
    ...options,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home },
  });
  return {
    ...inner,
    push: async (branch) => {
      configsSeen.push(readFileSync(path.join(options.workingDirectory, '.git', 'config'), 'utf8'));
      return inner.push(branch);
    },
  };
};

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

beforeAll(async () => {
  tmp = tempRoot('token-');
  bareRepository(tmp.dir, 'spark.git');
  home = path.join(tmp.dir, 'home');
  workTmp = path.join(tmp.dir, 'work');
  mkdirSync(home);
  mkdirSync(workTmp);
  server = await startGitHttpServer({ projectRoot: tmp.dir, authorization: `basic ${BASIC}` });
  remoteUrl = `${server.url}/spark.git`;
});
afterAll(async () => {
  await server.close();
  tmp.cleanup();
});

describe('token handling', () => {
  it('without the token the server refuses, so the test below really depends on the header', async () => {
    await expect(
      pushEvidence({
        remote: remoteUrl,
        branch: 'canary-evidence',
        files: [{ path: 'a.txt', content: 'a\n' }],
        message: 'm',
        git: observed,
        tempDir: workTmp,
      }),
    ).rejects.toThrow(/Authentication failed|could not read Username|401/);
  });

  it('pushes and verifies over smart HTTP with the token as an extraheader, and the token appears nowhere', async () => {
    const clock = fixedClock('2026-05-16T21:30:00Z');
    const base = {
      remote: remoteUrl,
      branch: 'canary-evidence',
      token: TOKEN,
      git: observed,
      tempDir: workTmp,
      log: (l: string) => logLines.push(l),
    };
    const jobs = [0, 1].map((i) =>
      pushEvidence({
        ...base,
        files: [{ path: `evidence/1.4.0/file_${i}.txt`, content: `evidence ${i}\n` }],
        message: `job ${i}`,
        maxAttempts: 8,
      }),
    );
    await Promise.all(jobs);
    await pushEvidence({
      ...base,
      files: [
        decisionLogChange(
          'reports/release_decisions/d-42.yaml',
          decision('preflight', { evidence_files: ['evidence/1.4.0/file_0.txt'] }),
          clock,
        ),
      ],
      message: 'decision',
    });
    const verified = await verifyEvidence(remoteUrl, {
      token: TOKEN,
      git: observed,
      tempDir: workTmp,
      log: (l) => logLines.push(l),
    });
    expect(verified).toMatchObject({ ok: true, source: 'repository', records: 1 });

    const out: string[] = [];
    const code = await verifyCli([remoteUrl], {
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      env: { ...process.env, GITHUB_TOKEN: TOKEN, HOME: home },
      cwd: tmp.dir,
    });
    expect(code).toBe(0);

    expect(server.requests.filter((r) => r.authorized).length).toBeGreaterThan(4);
    expect(logLines.some((l) => l.startsWith('git push'))).toBe(true);
    expect(configsSeen.length).toBeGreaterThanOrEqual(3);

    const haystacks: [string, string][] = [
      ['log lines', logLines.join('\n')],
      ['cli output', out.join('')],
      ['clone .git/config at push time', configsSeen.join('\n')],
      ...filesUnder(path.join(tmp.dir, 'spark.git')).map((f): [string, string] => [
        f,
        readFileSync(f, 'latin1'),
      ]),
      ...filesUnder(home).map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
      [
        'every object on the branch',
        execGit(['log', '-p', '--all', '--format=%B'], {
          cwd: path.join(tmp.dir, 'spark.git'),
          encoding: 'utf8',
        }),
      ],
    ];
    for (const [where, text] of haystacks) {
      for (const secret of SECRETS) expect(text.includes(secret), `${where} contains the token`).toBe(false);
    }
    expect(configsSeen.every((c) => c.includes(`url = ${remoteUrl}`))).toBe(true);
    // Temporary clones are removed, so no git config with anything in it is left behind.
    expect(readdirSync(workTmp)).toEqual([]);
  });
});
