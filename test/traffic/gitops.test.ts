/** The GitOps provider with real git: a local bare repository as the remote, a workspace clone as the runner has. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/index.js';
import { createGitCommandManager, type GitCommandManagerFactory } from '../../src/git/git-command-manager.js';
import { createGitopsProvider } from '../../src/traffic/gitops.js';
import { execGit } from '../support/git.js';

const SPLITTER = `# deploy/traffic_splitter.yaml - immutable routing, reviewed in PRs
apiVersion: split.smi-spec.io/v1alpha2
kind: TrafficSplit
metadata:
  name: tradepulse-execution   # one split per cluster
spec:
  service: execution
  flows:
    market_making: {canary: 0, baseline: 100}   # percent
    agency:
      canary: '0'       # quoted on purpose
      baseline: 100
  backends:
    - service: execution-stable
      weight: 100
    - service: execution-canary
      weight: 0         # set by canary-conductor
`;

function git(cwd: string, ...args: string[]): string {
  return execGit(args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@x',
    },
  });
}

describe('gitops traffic provider (real git, local bare remote)', () => {
  let root: string;
  let bare: string;
  let work: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'canary-gitops-test-'));
    bare = path.join(root, 'remote.git');
    work = path.join(root, 'work');
    git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
    git(root, 'clone', '--quiet', bare, work);
    git(work, 'checkout', '--quiet', '-B', 'main');
    await mkdir(path.join(work, 'deploy'), { recursive: true });
    await writeFile(path.join(work, 'deploy/traffic_splitter.yaml'), SPLITTER);
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'routing');
    git(work, 'push', '--quiet', 'origin', 'main');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const onRemote = () => git(work, 'show', 'origin/main:deploy/traffic_splitter.yaml');
  const remoteCommits = () => Number(git(bare, 'rev-list', '--count', 'main').trim());

  it('commits and pushes a one-line change, keeping comments and formatting; the same weight again makes no commit', async () => {
    const provider = createGitopsProvider(
      { file: 'deploy/traffic_splitter.yaml', field: 'spec.backends[1].weight' },
      { cwd: work },
    );
    const r = await provider.set(
      { weight: 25 },
      { version: '1.4.0', stage: 'quarter', service: 'tradepulse' },
    );
    expect(r).toMatchObject({ applied: true, changed: true, readBack: 25 });
    git(work, 'fetch', '--quiet', 'origin');
    expect(onRemote()).toBe(
      SPLITTER.replace(
        'weight: 0         # set by canary-conductor',
        'weight: 25         # set by canary-conductor',
      ),
    );
    expect(remoteCommits()).toBe(2);
    expect(git(work, 'log', '-1', '--format=%s%n%an', 'origin/main')).toBe(
      'traffic(tradepulse v1.4.0): spec.backends[1].weight=25 (stage quarter)\ncanary-conductor[bot]\n',
    );

    const again = await provider.set({ weight: 25 }, { version: '1.4.0', stage: 'quarter' });
    expect(again).toMatchObject({ applied: true, changed: false, readBack: 25 });
    expect(remoteCommits()).toBe(2);
  });

  it('sets one field per flow, keeping the quoting style of each', async () => {
    const provider = createGitopsProvider(
      {
        file: 'deploy/traffic_splitter.yaml',
        field: 'spec.flows.{{flow}}.canary',
        remote: bare,
        branch: 'main',
      },
      { cwd: root },
    );
    const r = await provider.set({ weight: 5, flows: { market_making: 5, agency: 2 } }, { version: '1.4.0' });
    expect(r.readBack).toEqual({ market_making: 5, agency: 2 });
    git(work, 'fetch', '--quiet', 'origin');
    const text = onRemote();
    expect(text).toContain('market_making: {canary: 5, baseline: 100}   # percent');
    expect(text).toContain("canary: '2'       # quoted on purpose");
  });

  it('re-applies on top of a commit pushed by someone else in between, never forcing', async () => {
    const other = path.join(root, 'other');
    git(root, 'clone', '--quiet', bare, other);
    let raced = false;
    // A competing push lands between our commit and our push: a real non-fast-forward rejection.
    const racingFactory: GitCommandManagerFactory = (options) => {
      const real = createGitCommandManager(options);
      return {
        ...real,
        async push(branch) {
          if (!raced) {
            raced = true;
            await writeFile(path.join(other, 'README.md'), 'other job\n');
            git(other, 'add', '.');
            git(other, 'commit', '--quiet', '-m', 'other job');
            git(other, 'push', '--quiet', 'origin', 'HEAD:main');
          }
          return real.push(branch);
        },
      };
    };
    const logs: string[] = [];
    const provider = createGitopsProvider(
      { file: 'deploy/traffic_splitter.yaml', field: 'spec.backends[1].weight' },
      { cwd: work, git: racingFactory, log: (l) => logs.push(l) },
    );
    const r = await provider.set({ weight: 50 }, { version: '1.4.0' });
    expect(r.changed).toBe(true);
    expect(logs.some((l) => l.includes('rejected'))).toBe(true);
    expect(remoteCommits()).toBe(3);
    expect(git(bare, 'log', '--format=%s', 'main').split('\n')[1]).toBe('other job');
  });

  it('refuses a field the file does not have instead of adding it', async () => {
    const provider = createGitopsProvider(
      { file: 'deploy/traffic_splitter.yaml', field: 'spec.backend[1].weight' },
      { cwd: work },
    );
    await expect(provider.set({ weight: 5 }, { version: '1.4.0' })).rejects.toThrow(ConfigurationError);
    await expect(provider.set({ weight: 5 }, { version: '1.4.0' })).rejects.toThrow(
      /has no spec.backend\[1\].weight/,
    );
    expect(remoteCommits()).toBe(1);
    expect(await readFile(path.join(work, 'deploy/traffic_splitter.yaml'), 'utf8')).toBe(SPLITTER);
  });
});
