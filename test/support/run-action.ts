/**
 * Runs a bundled action the way the runner does: `node actions/<name>/dist/index.js` in a clean
 * environment with the action.yml defaults applied, INPUT_* variables, the runner's file commands
 * (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, GITHUB_ENV, GITHUB_PATH), an event payload
 * file, and GitHub URLs that point at the emulator (or at a closed local port, never at GitHub).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface RunActionOptions {
  /** Input values by their action.yml names (`dry-run`, `config`); action.yml defaults fill the rest. */
  inputs?: Record<string, string>;
  /** Extra or overriding environment (e.g. PROM_TOKEN). */
  env?: Record<string, string>;
  /** The event payload written to GITHUB_EVENT_PATH. Default `{}`. */
  event?: unknown;
  eventName?: string;
  /** GITHUB_WORKSPACE and the working directory. Default: a fresh temporary directory. */
  cwd?: string;
  timeoutMs?: number;
  /** Where GitHub is: the emulator (`{ url, serverUrl, repository }`). */
  github?: { url: string; serverUrl: string; repository: string };
  /** The workflow token `${{ github.token }}` stands for. Default: a fixed fake token. */
  token?: string;
  runId?: number;
  /**
   * What runs: the committed bundle (`dist`, default) or the TypeScript entry through tsx (`source`), for a test of
   * behaviour that must not wait for the bundle to be rebuilt.
   */
  entry?: 'dist' | 'source';
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  /** file, line, col, endLine, endColumn, title when given. */
  properties: Record<string, string>;
}

export interface ActionRun {
  /** null when the process was killed (timeout). */
  exitCode: number | null;
  timedOut: boolean;
  outputs: Record<string, string>;
  /** The job summary markdown/HTML the step appended. */
  summary: string;
  annotations: Annotation[];
  /** Values registered with `::add-mask::`. */
  masks: string[];
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  stdout: string;
  stderr: string;
  /** The temporary RUNNER_TEMP directory (holds the event file and the command files). */
  runnerTemp: string;
}

export const DEFAULT_TEST_TOKEN = 'fake-token-harnessWorkflowToken000000000000000';
/** tsx's loader, resolved from the repository so the workspace (the child's cwd) need not hold node_modules. */

/** Nothing listens here: an action that reaches for GitHub without an emulator fails fast. */
const NO_GITHUB = 'http://127.0.0.1:9';

interface ActionInputSpec {
  default?: unknown;
}

function actionDefaults(name: string, token: string): Record<string, string> {
  const manifest = parseYaml(readFileSync(join(REPO_ROOT, 'actions', name, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, ActionInputSpec>;
  };
  const defaults: Record<string, string> = {};
  for (const [input, spec] of Object.entries(manifest.inputs ?? {})) {
    if (spec?.default === undefined) continue;
    const raw = String(spec.default);
    defaults[input] = raw.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_all, expression: string) => {
      if (expression === 'github.token') return token;
      throw new Error(
        `actions/${name}/action.yml: input ${input} defaults to the expression "${expression}", which the harness cannot evaluate; pass the input explicitly`,
      );
    });
  }
  return defaults;
}

/** The runner's name for an input's variable: spaces to underscores, upper case (hyphens stay). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses a file-command file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV): `k<<DELIM` heredocs and `k=v` lines. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, key, delimiter] = heredoc;
      const body: string[] = [];
      i += 1;
      while (i < lines.length && lines[i] !== delimiter) {
        body.push(lines[i]!);
        i += 1;
      }
      if (i >= lines.length)
        throw new Error(`file command: ${key} opens heredoc ${delimiter} that never closes`);
      values[key!] = body.join('\n');
      continue;
    }
    const simple = /^([^=]+)=(.*)$/.exec(line);
    if (!simple) throw new Error(`file command: cannot parse line ${JSON.stringify(line)}`);
    values[simple[1]!] = simple[2]!;
  }
  return values;
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');

/** `::error file=a.ts,line=3::message` lines from stdout (the runner's workflow commands). */
export function parseAnnotations(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = [];
  const masks: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!command) continue;
    const [, name, props, data] = command;
    if (name === 'add-mask') {
      masks.push(unescapeData(data!));
      continue;
    }
    if (name !== 'error' && name !== 'warning' && name !== 'notice') continue;
    const properties: Record<string, string> = {};
    for (const pair of (props ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    annotations.push({ level: name, message: unescapeData(data!), properties });
  }
  return { annotations, masks };
}

export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionRun> {
  const fromSource = options.entry === 'source';
  const entry = fromSource
    ? join(REPO_ROOT, 'actions', name, 'index.ts')
    : join(REPO_ROOT, 'actions', name, 'dist', 'index.js');
  if (!existsSync(entry))
    throw new Error(
      fromSource
        ? `actions/${name}/index.ts does not exist`
        : `actions/${name}/dist/index.js does not exist; build the action first (npm run build)`,
    );
  // The workspace is a temporary folder, so the loader is named by path rather than resolved from it.
  const nodeArgs = fromSource
    ? ['--import', pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href, entry]
    : [entry];
  const runnerTemp = mkdtempSync(join(tmpdir(), `run-action-${name}-`));
  const workspace = options.cwd ?? mkdtempSync(join(tmpdir(), `workspace-${name}-`));
  const files = {
    output: join(runnerTemp, 'github_output'),
    summary: join(runnerTemp, 'step_summary.md'),
    state: join(runnerTemp, 'github_state'),
    env: join(runnerTemp, 'github_env'),
    path: join(runnerTemp, 'github_path'),
    event: join(runnerTemp, 'event.json'),
  };
  for (const file of [files.output, files.summary, files.state, files.env, files.path])
    writeFileSync(file, '');
  writeFileSync(files.event, JSON.stringify(options.event ?? {}));

  const token = options.token ?? DEFAULT_TEST_TOKEN;
  const inputs = { ...actionDefaults(name, token), ...(options.inputs ?? {}) };
  const github = options.github ?? {
    url: NO_GITHUB,
    serverUrl: NO_GITHUB,
    repository: 'acme/spark-trading-api',
  };
  const runId = String(options.runId ?? 4242);
  // A clean environment, as on a runner: nothing from the test process leaks in but PATH and HOME.
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? runnerTemp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: name,
    GITHUB_ACTOR: 'release-engineer',
    GITHUB_API_URL: github.url,
    GITHUB_SERVER_URL: github.serverUrl,
    GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REPOSITORY_OWNER: github.repository.split('/')[0] ?? '',
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'canary-release',
    GITHUB_JOB: name,
    GITHUB_SHA: '0000000000000000000000000000000000000001',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: options.eventName ?? 'workflow_dispatch',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [inputVariable(k), v])),
    ...(options.env ?? {}),
  };

  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(process.execPath, nodeArgs, { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const exitCode = await new Promise<number | null>((resolveExit, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolveExit(code));
  }).finally(() => clearTimeout(timer));

  const { annotations, masks } = parseAnnotations(stdout);
  return {
    exitCode,
    timedOut,
    outputs: parseFileCommand(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations,
    masks,
    state: parseFileCommand(readFileSync(files.state, 'utf8')),
    exportedEnv: parseFileCommand(readFileSync(files.env, 'utf8')),
    stdout,
    stderr,
    runnerTemp,
  };
}
