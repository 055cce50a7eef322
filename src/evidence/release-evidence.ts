/**
 * Reads what a release left in its evidence: the stage results (`stage_<n>.json`) and the decision log.
 * From a local folder (the CLI, a checkout of the evidence branch) or from the evidence branch of a remote
 * (the actions: a shallow clone into a temporary folder, removed afterwards).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { ConfigurationError, renderTemplate, type ReleasePlan } from '../config/index.js';
import { readDecisionLog, type DecisionRecord } from './decision-log.js';
import { FREEZE_STATE_PATH, parseFreezeState } from '../freeze/state.js';
import { createGitCommandManager, type GitCommandManagerFactory } from '../git/git-command-manager.js';
import { normalizeRemote } from '../git/remote.js';
import type { StageResult } from '../gate/types.js';
import { readStageResults } from './stage-results.js';
import { planRelease, type PlannedRelease } from '../plan/plan-release.js';

export interface ReleaseEvidence {
  stages: StageResult[];
  decisions: DecisionRecord[];
  /** The decision log read, from the repository root (or as given); null when there is none. */
  decisionLogPath: string | null;
  /** File names in the version's evidence folder, sorted. */
  evidenceFiles: string[];
  /** Commit of the evidence branch read (remote reads only). */
  commit: string | null;
  /** When this version's freeze started (freeze/state.json): T0 of the release clock; null without one. */
  freezeStartedAt: string | null;
}

/**
 * The start of this version's freeze from the checkout's freeze/state.json; null when there is none or it is the
 * freeze of another release (the file holds the latest freeze only). A file that is not a freeze state is an error.
 */
async function readFreezeStart(root: string, version: string): Promise<string | null> {
  const file = path.join(root, ...FREEZE_STATE_PATH.split('/'));
  if (!existsSync(file)) return null;
  const state = parseFreezeState(await readFile(file, 'utf8'), file);
  return state.version === version ? state.started_at : null;
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

async function walk(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(path.join(root, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name === '.git') continue;
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, child)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/**
 * The decision logs of this version: the plan's `evidence.decisions` with `{{deployment_id}}` as a wildcard
 * (or the given id), keeping logs whose records belong to `version`. Several deployments of one version (a
 * rolled-back attempt and its retry) are read in time order.
 */
export async function findDecisionLogs(
  root: string,
  plan: ReleasePlan,
  version: string,
  deploymentId?: string,
): Promise<string[]> {
  const context = { version, service: plan.release.service, deployment_id: deploymentId ?? '__ID__' };
  const rendered = renderTemplate(plan.evidence.decisions, context, 'evidence.decisions');
  if (deploymentId) return existsSync(path.join(root, rendered)) ? [rendered] : [];
  const glob = rendered.replace('__ID__', '*');
  const isMatch = picomatch(glob);
  const base = glob.slice(0, glob.indexOf('*')).replace(/\/[^/]*$/, '');
  const candidates = (await walk(root, base)).filter((f) => isMatch(f)).sort();
  const mine: Array<{ file: string; first: number }> = [];
  for (const file of candidates) {
    const records = readDecisionLog(await readFile(path.join(root, file), 'utf8'), file);
    if (records.length && records[0]!.version === version)
      mine.push({ file, first: Date.parse(records[0]!.start_timestamp) });
  }
  return mine.sort((a, b) => a.first - b.first).map((m) => m.file);
}

/**
 * The checkout an evidence folder sits in: the folder less the plan's rendered `evidence.dir` (a checkout of
 * the evidence branch holds `evidence/1.4.0` and `reports/release_decisions/` side by side). Null when the
 * folder does not end with that path, so nothing beside it can be told apart from an unrelated folder.
 */
export function evidenceCheckoutRoot(evidenceDir: string, renderedDir: string): string | null {
  const parts = renderedDir.split('/').filter(Boolean);
  let root = path.resolve(evidenceDir);
  for (const part of [...parts].reverse()) {
    if (path.basename(root) !== part) return null;
    root = path.dirname(root);
  }
  return root;
}

export interface LocalEvidenceOptions {
  /** The version's evidence folder (holding stage_<n>.json). */
  evidenceDir: string;
  /** Decision log files; read and verified in order. */
  decisionFiles?: string[];
  /** The evidence checkout the folder sits in (see evidenceCheckoutRoot), where freeze/state.json is read. */
  checkoutRoot?: string | null;
  /** The release's version, to tell its freeze from another's; needed with checkoutRoot. */
  version?: string;
}

export async function readLocalEvidence(options: LocalEvidenceOptions): Promise<ReleaseEvidence> {
  if (!existsSync(options.evidenceDir)) {
    throw new ConfigurationError(
      `--evidence: ${options.evidenceDir} does not exist (expected the release's evidence folder, e.g. evidence/1.4.0)`,
    );
  }
  const decisions: DecisionRecord[] = [];
  for (const file of options.decisionFiles ?? []) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new ConfigurationError(
        `--decisions: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    decisions.push(...readDecisionLog(text, file));
  }
  return {
    stages: await readStageResults(options.evidenceDir),
    decisions,
    decisionLogPath: options.decisionFiles?.[0] ?? null,
    evidenceFiles: await listNames(options.evidenceDir),
    commit: null,
    freezeStartedAt:
      options.checkoutRoot && options.version
        ? await readFreezeStart(options.checkoutRoot, options.version)
        : null,
  };
}

export interface RemoteEvidenceOptions {
  plan: ReleasePlan;
  version: string;
  remote: string;
  branch: string;
  /** The version's evidence folder in the branch, e.g. evidence/1.4.0. */
  dir: string;
  deploymentId?: string;
  token?: string;
  git?: GitCommandManagerFactory;
  log?: (line: string) => void;
  cwd?: string;
}

/**
 * Shallow-clones the evidence branch and reads the release's evidence from it. Null when the branch does not exist
 * yet: the normal state before a first release's first stage, which each caller judges for itself (a stage gate
 * starts fresh; a tag, an RCA or a first night has nothing to stand on: `noEvidenceBranch`).
 */
export async function readRemoteEvidence(options: RemoteEvidenceOptions): Promise<ReleaseEvidence | null> {
  const workdir = await mkdtemp(path.join(os.tmpdir(), 'canary-rca-'));
  try {
    const git = (options.git ?? createGitCommandManager)({
      workingDirectory: workdir,
      remote: normalizeRemote(options.remote, options.cwd),
      token: options.token,
      log: options.log,
    });
    const tip = await git.openBranch(options.branch);
    if (!tip) return null;
    const logs = await findDecisionLogs(workdir, options.plan, options.version, options.deploymentId);
    const decisions: DecisionRecord[] = [];
    for (const file of logs)
      decisions.push(...readDecisionLog(await readFile(path.join(workdir, file), 'utf8'), file));
    const dir = path.join(workdir, ...options.dir.split('/'));
    return {
      stages: existsSync(dir) ? await readStageResults(dir) : [],
      decisions,
      decisionLogPath: logs.at(-1) ?? null,
      evidenceFiles: await listNames(dir),
      commit: tip,
      freezeStartedAt: await readFreezeStart(workdir, options.version),
    };
  } finally {
    await rm(workdir, { recursive: true, force: true });
  }
}

/** The user-facing error for a step that needs a release's evidence when its evidence branch does not exist. */
export function noEvidenceBranch(
  options: Pick<RemoteEvidenceOptions, 'branch' | 'version' | 'dir'>,
): ConfigurationError {
  return new ConfigurationError(
    `evidence-remote: branch ${options.branch} does not exist on the evidence remote; no stage ran for ${options.version} (expected evidence in ${options.dir})`,
  );
}

export interface ReleaseEvidenceRequest extends Pick<
  RemoteEvidenceOptions,
  'version' | 'deploymentId' | 'token' | 'git' | 'log' | 'cwd'
> {
  configPath: string;
  evidenceRemote: string;
}

/** The first step release-tag and mini-rca share: the plan rendered for the version, and that release's evidence. */
export async function loadReleaseEvidence(
  request: ReleaseEvidenceRequest,
): Promise<PlannedRelease & { evidence: ReleaseEvidence }> {
  const planned = await planRelease(request.configPath, request.version);
  const where = { branch: planned.plan.evidence.branch, version: request.version, dir: planned.evidenceDir };
  const evidence = await readRemoteEvidence({
    plan: planned.plan,
    version: request.version,
    remote: request.evidenceRemote,
    branch: where.branch,
    dir: where.dir,
    deploymentId: request.deploymentId,
    token: request.token,
    git: request.git,
    log: request.log,
    cwd: request.cwd,
  });
  if (!evidence) throw noEvidenceBranch(where);
  return { ...planned, evidence };
}
