/**
 * The evidence-commit step: files (or a folder) from the workspace to the evidence branch, as one commit.
 * Shared by the `evidence-commit` action; the CLI has `evidence push` for the same job.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError, loadPlan, renderEvidenceDir } from '../config/index.js';
import { defaultEvidenceRemote } from '../git/remote.js';
import { evidenceCommitMessage, pushEvidence, type EvidenceChange, type PushEvidenceResult } from './push.js';

export interface CommitFilesRequest {
  configPath: string;
  version: string;
  files: string[];
  folder: string;
  destination: string;
  message: string;
  remote: string;
  token: string;
  runUrl: string;
  workspace: string;
  dryRun: boolean;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export type CommitFilesResult =
  | (PushEvidenceResult & { dryRun: false })
  | { dryRun: true; files: string[]; remote: string; branch: string };

export async function commitEvidenceFiles(req: CommitFilesRequest): Promise<CommitFilesResult> {
  if (!req.files.length && !req.folder)
    throw new ConfigurationError(
      'input files or folder is required (files to commit, one per line, or a folder)',
    );
  if (req.files.length && req.folder)
    throw new ConfigurationError('inputs files and folder are exclusive (give one of them)');
  const plan = await loadPlan(req.configPath);
  const destination = req.destination || renderEvidenceDir(plan, { version: req.version });
  const remote = req.remote || defaultEvidenceRemote(req.env ?? process.env);
  const changes: EvidenceChange[] = [];
  for (const f of req.files) {
    const abs = path.resolve(req.workspace, f);
    const info = await stat(abs).catch(() => null);
    if (!info?.isFile())
      throw new ConfigurationError(
        `input files: ${f} is not a file in the workspace (a path relative to ${req.workspace})`,
      );
    changes.push({ path: path.posix.join(destination, path.basename(f)), content: await readFile(abs) });
  }
  if (req.dryRun) {
    const listed = req.folder ? [`${req.folder}/** -> ${destination}/`] : changes.map((c) => c.path);
    for (const l of listed) req.log(`dry-run: would commit ${l} to ${plan.evidence.branch}`);
    return { dryRun: true, files: listed, remote, branch: plan.evidence.branch };
  }
  const result = await pushEvidence({
    remote,
    branch: plan.evidence.branch,
    files: changes.length ? changes : undefined,
    fromDir: req.folder ? path.resolve(req.workspace, req.folder) : undefined,
    toPath: req.folder ? destination : undefined,
    message: evidenceCommitMessage({
      release: `${plan.release.service} ${req.version}`,
      stage: 'evidence',
      runUrl: req.runUrl,
      summary: req.message,
    }),
    token: req.token || undefined,
    log: req.log,
    cwd: req.workspace,
  });
  return { ...result, dryRun: false };
}
