/**
 * A freeze run the way the action makes it (runFreezeWindow: the product's wiring of pacer, primary-limit gate and
 * merge block), against the emulator behind GitHub's primary limit, with evidence in a bare git repository. Shared
 * by the freeze tests and bench/freeze.ts.
 */
import { runFreezeWindow, type FreezeMode, type FreezeWindowResult } from '../../src/freeze/run.js';
import type { BypassActor } from '../../src/github/api/rulesets.js';
import { clientForEmulator, TEST_TOKEN } from '../github-emulator/client.js';
import {
  fakeSha,
  startGitHubEmulator,
  type GitHubEmulator,
  type SeedPull,
} from '../github-emulator/index.js';
import { RULESET_ROUTES } from '../github-emulator/ruleset-routes.js';
import { startPrimaryLimitFront, type PrimaryLimitFront } from './primary-limit-front.js';
import { bareRepo, emulatorClock, PLAN } from './support.js';

/** GITHUB_TOKEN's primary limit: 1,000 requests an hour per repository. */
export const GITHUB_TOKEN_PRIMARY_LIMIT = 1000;
export const ADMIN_TOKEN = 'fake-admin-token-emulatorAdminToken00000000000';
export const RELEASE_BOT: BypassActor = { actorType: 'Integration', actorId: 4242, bypassMode: 'always' };

export interface FreezeBed {
  emulator: GitHubEmulator;
  front: PrimaryLimitFront;
  evidence: { dir: string; cleanup: () => void };
  logs: string[];
  run(
    mode: FreezeMode,
    options?: { mergeBlock?: boolean; event?: { name: string; payload: unknown }; version?: string },
  ): Promise<FreezeWindowResult>;
  close(): Promise<void>;
}

/** Every PR's head starts green ("No release freeze active"), as the starter guard leaves it outside a freeze. */
export function greenHeads(pulls: SeedPull[]): {
  pulls: SeedPull[];
  statuses: Record<string, { state: 'success'; context: string; description: string }[]>;
} {
  const seeded = pulls.map((p) => ({ ...p, head_sha: p.head_sha ?? fakeSha(`head-${p.number}`) }));
  return {
    pulls: seeded,
    statuses: Object.fromEntries(
      seeded.map((p) => [
        p.head_sha,
        [{ state: 'success' as const, context: 'release-freeze', description: 'No release freeze active' }],
      ]),
    ),
  };
}

export async function freezeBed(options: {
  pulls: SeedPull[];
  clockScale: number;
  primaryLimit?: number;
  plan?: typeof PLAN;
}): Promise<FreezeBed> {
  const seed = greenHeads(options.pulls);
  const emulator = await startGitHubEmulator({
    seed,
    clockScale: options.clockScale,
    policy: true,
    extraRoutes: RULESET_ROUTES,
  });
  const front = await startPrimaryLimitFront(emulator, options.primaryLimit ?? GITHUB_TOKEN_PRIMARY_LIMIT);
  const evidence = bareRepo();
  const logs: string[] = [];
  const clock = emulatorClock(emulator);
  const plan = options.plan ?? PLAN;
  return {
    emulator,
    front,
    evidence,
    logs,
    async run(mode, runOptions = {}) {
      const { client, repo } = clientForEmulator(emulator, { baseUrl: front.url });
      const admin = runOptions.mergeBlock
        ? clientForEmulator(emulator, { baseUrl: front.url, token: ADMIN_TOKEN }).client
        : undefined;
      return runFreezeWindow(
        {
          mode,
          plan,
          version: runOptions.version ?? '1.4.0',
          repo,
          evidenceRemote: evidence.dir,
          defaultRemote: evidence.dir,
          token: TEST_TOKEN,
          actor: 'release-bot',
          runUrl: 'https://github.com/acme/spark-trading-api/actions/runs/42',
          cwd: process.cwd(),
          mergeBlockBypass: [RELEASE_BOT],
          ...(runOptions.event ? { event: runOptions.event } : {}),
        },
        {
          github: client,
          clock,
          log: (line) => logs.push(line),
          ...(admin ? { mergeBlockClient: admin } : {}),
        },
      );
    },
    async close() {
      await front.close();
      await emulator.close();
      evidence.cleanup();
    },
  };
}
