/**
 * The GitHub side of a stage: the sign-off (the run's environment approvals) and a deployment with statuses, so
 * the repository's Environments page shows each stage. Sign-offs are only read here; whether a stage may run
 * without one is decided in signoff-gate.ts (GitHub holds a job only when the environment has required
 * reviewers, which some plans and repositories do not offer, so a running job proves nothing by itself).
 * Deployment writes go through the client's write gate (dry-run records them instead).
 */
import { getErrorMessage } from '../config/index.js';
import { signoffForEnvironment, type EnvironmentSignoff } from '../evidence/approvals.js';
import {
  createDeployment,
  createDeploymentStatus,
  listRunApprovals,
  type RepoRef,
} from '../github/api/index.js';
import type { GitHubClient } from '../github/client.js';

export interface GateGitHub {
  client: GitHubClient;
  repo: RepoRef;
  /** The workflow run (GITHUB_RUN_ID); null outside a run. */
  runId: number | null;
}

export interface GateLog {
  info(line: string): void;
  warn(line: string): void;
}

export interface SignoffReading {
  signoff: EnvironmentSignoff | null;
  /** False when the run's approvals could not be read (no run, an API error): nothing is known either way. */
  read: boolean;
  /** Why there is no sign-off, for the decision record's notes; empty when there is one. */
  note: string;
}

export async function readSignoff(
  github: GateGitHub | null,
  environment: string | null,
  log: GateLog,
): Promise<SignoffReading> {
  if (!environment) return { signoff: null, read: true, note: 'no environment: this step has no sign-off' };
  if (!github || github.runId === null)
    return {
      signoff: null,
      read: false,
      note: `sign-off for ${environment} not read (no GitHub workflow run to read approvals from)`,
    };
  try {
    const approvals = await listRunApprovals(github.client, github.repo, github.runId);
    const signoff = signoffForEnvironment(approvals, environment);
    if (!signoff)
      return {
        signoff: null,
        read: true,
        note: `no reviewer approved ${environment} in run ${github.runId}`,
      };
    log.info(
      `sign-off ${environment}: ${signoff.state} by ${signoff.approver}${signoff.approval_comment ? ` ("${signoff.approval_comment}")` : ''}`,
    );
    return { signoff, read: true, note: '' };
  } catch (e) {
    const message = getErrorMessage(e);
    log.warn(`sign-off for ${environment} could not be read from run ${github.runId}: ${message}`);
    return { signoff: null, read: false, note: `sign-off for ${environment} could not be read: ${message}` };
  }
}

export interface StageDeployment {
  /** GitHub's deployment id; null in dry-run or when it could not be created. */
  id: number | null;
  environment: string;
  /** What happened, for the summary. */
  detail: string;
}

/** GitHub limits a deployment status description to 140 characters. */
export function statusDescription(text: string): string {
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

/**
 * A deployment of exactly `sha` to the stage's environment, marked in_progress. A failure here is reported and the
 * stage still runs: the deployment is a view of the release, the gate is the metrics.
 */
export async function startDeployment(
  github: GateGitHub | null,
  options: {
    environment: string;
    sha: string;
    payload: Record<string, unknown>;
    description: string;
    production: boolean;
    logUrl?: string;
  },
  log: GateLog,
): Promise<StageDeployment> {
  const environment = options.environment;
  if (!github)
    return { id: null, environment, detail: 'no GitHub token or repository: no deployment recorded' };
  if (!options.sha) return { id: null, environment, detail: 'GITHUB_SHA is not set: no deployment recorded' };
  try {
    const created = await createDeployment(github.client, github.repo, {
      ref: options.sha,
      environment,
      description: options.description,
      payload: options.payload,
      // The stage's own gate decides; other status checks on the commit must not block recording it.
      requiredContexts: [],
      transientEnvironment: false,
      productionEnvironment: options.production,
    });
    if (!created.performed)
      return { id: null, environment, detail: `dry-run: would ${created.wouldWrite.summary}` };
    const id = created.data.id;
    await createDeploymentStatus(github.client, github.repo, id, {
      state: 'in_progress',
      description: statusDescription(`${options.description}: sampling`),
      ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    });
    return { id, environment, detail: `deployment ${id} to ${environment} in_progress` };
  } catch (e) {
    const message = getErrorMessage(e);
    log.warn(`deployment to ${environment} could not be recorded: ${message}`);
    return { id: null, environment, detail: `deployment not recorded: ${message}` };
  }
}

export async function finishDeployment(
  github: GateGitHub | null,
  deployment: StageDeployment,
  options: { success: boolean; description: string; logUrl?: string },
  log: GateLog,
): Promise<string> {
  if (!github || deployment.id === null) return deployment.detail;
  const state = options.success ? 'success' : 'failure';
  try {
    await createDeploymentStatus(github.client, github.repo, deployment.id, {
      state,
      description: statusDescription(options.description),
      ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    });
    return `deployment ${deployment.id} to ${deployment.environment}: ${state}`;
  } catch (e) {
    const message = getErrorMessage(e);
    log.warn(`deployment ${deployment.id} status ${state} could not be recorded: ${message}`);
    return `deployment ${deployment.id}: status ${state} not recorded (${message})`;
  }
}
