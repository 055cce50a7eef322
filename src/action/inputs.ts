/**
 * The inputs every action shares: config, version, token, evidence-remote, dry-run.
 * Read and validated once into one typed object; each message names the input and the expected form.
 */
import * as core from '@actions/core';
import { ConfigurationError, checkVersion, DEFAULT_PLAN_PATH } from '../config/index.js';
import { registerSecret } from '../secrets/masker.js';

export interface CommonInputs {
  config: string;
  version: string;
  /** Empty when the workflow passes none; the GitHub-facing steps then refuse to write. */
  token: string;
  /** A git URL or local path; empty means the repository itself on GitHub. */
  evidenceRemote: string;
  dryRun: boolean;
}

export function readBoolean(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim();
  if (raw === '') return fallback;
  if (/^(true|True|TRUE)$/.test(raw)) return true;
  if (/^(false|False|FALSE)$/.test(raw)) return false;
  throw new ConfigurationError(`input ${name}: ${JSON.stringify(raw)} is not a boolean (true or false)`);
}

export function readCommonInputs(options: { versionRequired?: boolean } = {}): CommonInputs {
  const version = core.getInput('version').trim();
  if (options.versionRequired !== false || version) {
    const bad = checkVersion(version);
    if (bad) throw new ConfigurationError(`input version ${bad}`);
  }
  const token = core.getInput('token');
  // The run's masker also hands it to the runner (core.setSecret) inside Actions.
  registerSecret(token);
  return {
    config: core.getInput('config').trim() || DEFAULT_PLAN_PATH,
    version,
    token,
    evidenceRemote: core.getInput('evidence-remote').trim(),
    dryRun: readBoolean('dry-run', false),
  };
}

/** A required input with a message naming it and its expected form. */
export function requireInput(name: string, expected: string): string {
  const v = core.getInput(name).trim();
  if (!v) throw new ConfigurationError(`input ${name} is missing (${expected})`);
  return v;
}

/** Values of the run the runner sets for every step. */
export function runContext(env: NodeJS.ProcessEnv = process.env) {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  const repository = env.GITHUB_REPOSITORY || '';
  const runId = env.GITHUB_RUN_ID || '';
  return {
    repository,
    owner: repository.split('/')[0] ?? '',
    repo: repository.split('/')[1] ?? '',
    runId,
    runUrl: repository && runId ? `${server}/${repository}/actions/runs/${runId}` : '',
    sha: env.GITHUB_SHA || '',
    actor: env.GITHUB_ACTOR || '',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: server,
    eventName: env.GITHUB_EVENT_NAME || '',
    eventPath: env.GITHUB_EVENT_PATH || '',
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
  };
}

/** An optional ISO-8601 instant input; empty means not given. */
export function readInstant(name: string): Date | undefined {
  const text = core.getInput(name).trim();
  if (!text) return undefined;
  const at = new Date(text);
  if (Number.isNaN(at.getTime()))
    throw new ConfigurationError(
      `input ${name}: ${JSON.stringify(text)} is not a time (an ISO-8601 instant such as 2026-11-20T09:30:00Z)`,
    );
  return at;
}

/** An optional http(s) URL input; empty means not given. */
export function readHttpUrl(name: string): string {
  const url = core.getInput(name).trim();
  if (url && !/^https?:\/\/\S+$/.test(url))
    throw new ConfigurationError(`input ${name}: ${JSON.stringify(url)} is not an http:// or https:// URL`);
  return url;
}
