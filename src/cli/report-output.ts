/**
 * Where `report` writes: a folder of its own (`--out`, default a new `canary-report-<version>/`), never over
 * committed evidence. The evidence of a release is what an auditor trusts months later; a report regenerated on
 * a laptop must not replace a committed mini-RCA with a new one (a new `Generated:` time, another duration).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../config/index.js';
import { createGitCommandManager } from '../git/git-command-manager.js';

export function defaultReportDir(version: string): string {
  return `canary-report-${version}`;
}

/** Whether git tracks `file` (it is committed, or staged to be): null when `file` is in no git work tree. */
async function trackedByGit(file: string): Promise<string | null> {
  const dir = path.dirname(file);
  if (!existsSync(dir)) return null;
  const git = createGitCommandManager({ workingDirectory: dir, remote: dir });
  const top = await git.exec(['rev-parse', '--show-toplevel'], { allowFailure: true });
  if (top.exitCode !== 0) return null;
  const listed = await git.exec(['ls-files', '--error-unmatch', '--', path.basename(file)], {
    allowFailure: true,
  });
  return listed.exitCode === 0 ? top.stdout.trim() : null;
}

/**
 * Creates the output folder and returns the paths to write, refusing the evidence folder itself and any file
 * git tracks (committed evidence in a checkout of the evidence branch).
 */
export async function prepareReportOutput(options: {
  outDir: string;
  evidenceDir: string;
  fileNames: string[];
}): Promise<string[]> {
  const outDir = path.resolve(options.outDir);
  if (outDir === path.resolve(options.evidenceDir)) {
    throw new ConfigurationError(
      `--out: ${outDir} is the evidence folder; report never writes into the evidence it reads (pick a new folder)`,
    );
  }
  const targets = options.fileNames.map((name) => path.join(outDir, name));
  for (const target of targets) {
    const repository = await trackedByGit(target);
    if (repository !== null) {
      throw new ConfigurationError(
        `--out: ${target} is committed evidence (tracked by git in ${repository}); report writes to a new folder and never overwrites it (pick another --out)`,
      );
    }
  }
  await mkdir(outDir, { recursive: true });
  return targets;
}
