/**
 * The GitOps provider (canary routing with immutable manifests checked into Git): the weight is a
 * field of a YAML manifest in a repository; it is set in a fresh clone of the branch (comments and formatting kept,
 * see yaml-field.ts), committed and pushed with real git. The same weight again makes no commit. A push rejected
 * because someone else pushed first is never forced: the branch is fetched again and the edit re-applied, a
 * bounded number of times.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ConfigurationError,
  renderTemplate,
  type TemplateContext,
  type TrafficSettings,
} from '../config/index.js';
import {
  createGitCommandManager,
  type GitCommandManager,
  type GitCommandManagerFactory,
  type GitIdentity,
} from '../git/git-command-manager.js';
import { DEFAULT_IDENTITY, pushWithRetries } from '../git/push-loop.js';
import { normalizeRemote } from '../git/remote.js';
import { readYamlField, setYamlField } from './yaml-field.js';
import { TrafficError, sameWeight } from './types.js';
import type { ReadBack, Share, TrafficContext, TrafficProvider, TrafficResult } from './types.js';
import type { Clock } from '../platform/clock.js';

export type GitopsTrafficSettings = NonNullable<TrafficSettings['gitops']>;

export interface GitopsProviderDeps {
  /** The workspace: a relative `remote` resolves here, and with no `remote` its `origin` is used. */
  cwd?: string;
  token?: string;
  git?: GitCommandManagerFactory;
  identity?: GitIdentity;
  log?: (line: string) => void;
  clock?: Pick<Clock, 'now'>;
  maxAttempts?: number;
}

const FLOW = /\{\{\s*flow\s*\}\}/;

export function createGitopsProvider(
  settings: GitopsTrafficSettings,
  deps: GitopsProviderDeps = {},
): TrafficProvider {
  const cwd = deps.cwd ?? process.cwd();
  const factory = deps.git ?? createGitCommandManager;
  const log = deps.log ?? (() => undefined);
  const maxAttempts = deps.maxAttempts ?? 4;
  const file = settings.file.replace(/^\.\//, '');
  if (path.posix.isAbsolute(file) || file.split('/').includes('..')) {
    throw new ConfigurationError(
      `traffic.gitops.file: "${settings.file}" must be a path inside the repository (relative, no "..")`,
    );
  }

  const resolveRemote = async (): Promise<string> => {
    if (settings.remote) return normalizeRemote(settings.remote, cwd);
    const probe = factory({ workingDirectory: cwd, remote: '', log });
    const result = await probe.exec(['remote', 'get-url', 'origin'], { allowFailure: true });
    const url = result.stdout.trim();
    if (result.exitCode !== 0 || !url) {
      throw new ConfigurationError(
        `traffic.gitops.remote: not given and ${cwd} has no "origin" remote (expected a git URL or path)`,
      );
    }
    return normalizeRemote(url, cwd);
  };

  /** A clone of the branch in a temp dir; `work` gets it, the dir is removed afterwards. */
  const withClone = async <T>(
    work: (git: GitCommandManager, branch: string, dir: string) => Promise<T>,
  ): Promise<T> => {
    const remote = await resolveRemote();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'canary-gitops-'));
    try {
      const git = factory({
        workingDirectory: dir,
        remote,
        ...(deps.token ? { token: deps.token } : {}),
        log,
      });
      await git.init();
      let branch = settings.branch;
      if (!branch) {
        const head = await git.exec(['ls-remote', '--symref', 'origin', 'HEAD'], { network: true });
        branch = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(head.stdout)?.[1];
        if (!branch)
          throw new ConfigurationError(
            'traffic.gitops.branch: not given and the remote has no default branch (HEAD)',
          );
      }
      return await work(git, branch, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  const fieldsFor = (
    share: Share,
    ctx: TrafficContext,
  ): Array<{ field: string; weight: number; flow?: string }> => {
    const context = (weight: number, flow?: string): TemplateContext => ({
      version: ctx.version,
      weight,
      ...(ctx.stage ? { stage: ctx.stage } : {}),
      ...(flow ? { flow } : {}),
    });
    if (!FLOW.test(settings.field))
      return [
        {
          field: renderTemplate(settings.field, context(share.weight), 'traffic.gitops.field'),
          weight: share.weight,
        },
      ];
    const flows = Object.entries(share.flows ?? {});
    if (flows.length === 0)
      throw new ConfigurationError(
        'traffic.gitops.field mentions {{flow}} but this share has no per-flow values',
      );
    return flows.map(([flow, weight]) => ({
      field: renderTemplate(settings.field, context(weight, flow), 'traffic.gitops.field'),
      weight,
      flow,
    }));
  };

  const checkout = async (git: GitCommandManager, branch: string): Promise<string> => {
    const tip = await git.fetchBranchIfExists(branch, 1);
    if (!tip) throw new ConfigurationError(`traffic.gitops.branch: the remote has no branch "${branch}"`);
    await git.resetBranchTo(branch, `refs/remotes/origin/${branch}`);
    return tip;
  };

  const readFileAt = async (dir: string): Promise<string> => {
    try {
      return await readFile(path.join(dir, ...file.split('/')), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new ConfigurationError(`traffic.gitops.file: ${file} does not exist on the branch`);
      throw e;
    }
  };

  const readBackOf = (text: string, fields: ReturnType<typeof fieldsFor>): ReadBack => {
    const values = fields.map((f) => ({ ...f, value: Number(readYamlField(text, f.field, file)) }));
    if (values.length === 1 && !values[0]!.flow) return values[0]!.value;
    return Object.fromEntries(values.map((v) => [v.flow!, v.value]));
  };

  return {
    describe: () => `gitops ${file} ${settings.field}${settings.branch ? ` on ${settings.branch}` : ''}`,
    async read(ctx) {
      return withClone(async (git, branch, dir) => {
        await checkout(git, branch);
        const text = await readFileAt(dir);
        if (FLOW.test(settings.field))
          throw new TrafficError(
            'traffic.gitops: a per-flow field is read back by set(), which knows the flows',
          );
        return Number(
          readYamlField(
            text,
            renderTemplate(settings.field, { version: ctx.version }, 'traffic.gitops.field'),
            file,
          ),
        );
      });
    },
    async set(share, ctx) {
      const fields = fieldsFor(share, ctx);
      const what = fields.map((f) => `${f.field}=${f.weight}`).join(', ');
      if (ctx.dryRun) return { applied: false, detail: `dry-run: would commit ${file} ${what}` };
      return withClone(async (git, branch, dir) => {
        const pushed = await pushWithRetries<TrafficResult>({
          git,
          branch,
          maxAttempts,
          onRejected: (reason, attempt) =>
            log(
              `gitops: push to ${branch} rejected (${reason}); fetching and re-applying (attempt ${attempt}/${maxAttempts})`,
            ),
          round: async () => {
            const tip = await checkout(git, branch);
            const before = await readFileAt(dir);
            let after = before;
            for (const f of fields) after = setYamlField(after, f.field, f.weight, file);
            if (after === before) {
              return {
                kind: 'unchanged',
                result: {
                  applied: true,
                  changed: false,
                  readBack: readBackOf(before, fields),
                  detail: `${file} already has ${what} at ${tip.slice(0, 12)} on ${branch}; no commit`,
                },
              };
            }
            await writeFile(path.join(dir, ...file.split('/')), after, 'utf8');
            await git.stagePaths([file]);
            const release = ctx.service ? `${ctx.service} v${ctx.version}` : `v${ctx.version}`;
            const message = `traffic(${release}): ${what}${ctx.stage ? ` (stage ${ctx.stage})` : ''}\n\nSet by canary-conductor in ${file}.\n`;
            const commit = await git.commit(message, deps.identity ?? DEFAULT_IDENTITY, deps.clock?.now());
            return {
              kind: 'commit',
              onPushed: async () => {
                const readBack = readBackOf(await readFileAt(dir), fields);
                for (const f of fields) {
                  const value = typeof readBack === 'number' ? readBack : readBack[f.flow!];
                  if (!sameWeight(value ?? NaN, f.weight))
                    throw new TrafficError(
                      `traffic.gitops: ${f.field} reads ${value} after setting ${f.weight}`,
                    );
                }
                return {
                  applied: true,
                  changed: true,
                  readBack,
                  detail: `committed ${file} ${what} as ${commit.slice(0, 12)} and pushed to ${branch}`,
                };
              },
            };
          },
        });
        if (pushed.status === 'done') return pushed.result;
        throw new TrafficError(
          `traffic.gitops: push to ${branch} was rejected ${maxAttempts} times (last: ${pushed.lastReason}); nothing was forced`,
        );
      });
    },
  };
}
