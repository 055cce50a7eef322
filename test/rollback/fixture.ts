/**
 * A workspace for rollback tests: the reference plan pointed at local services (feature-flag server, real
 * Alertmanager), its rollback command as a real script, an incident template, and a bare repository as the
 * evidence remote.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { execGit } from '../support/git.js';

export const INCIDENT_TEMPLATE = `# Incident: {{release}}

Severity: S2 (canary rollback)
Stage: {{stage}}

## Timeline
- {{timestamp}} rollback executed ({{triggered_by}})
`;

export interface RollbackWorkspace {
  dir: string;
  planPath: string;
  evidenceRemote: string;
  /** Lines written by scripts/scale-canary.sh. */
  scaleLog(): Promise<string>;
  evidenceFiles(): string[];
  evidenceFile(file: string): string;
  cleanup(): Promise<void>;
}

export async function createRollbackWorkspace(options: {
  flagUrl: string;
  alertmanagerUrl: string;
}): Promise<RollbackWorkspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'canary-rollback-'));
  const reference = parse(
    await readFile(new URL('../fixtures/reference-plan.yml', import.meta.url), 'utf8'),
  ) as { traffic: { http: Record<string, unknown> }; rollback: { silence: Record<string, unknown> } };
  reference.traffic.http.url = `${options.flagUrl}/api/features/rollout`;
  reference.traffic.http.read_back = `${options.flagUrl}/api/features/rollout?feature=v{{version}}`;
  reference.rollback.silence.alertmanager = options.alertmanagerUrl;
  await mkdir(path.join(dir, '.github'), { recursive: true });
  await mkdir(path.join(dir, 'scripts'), { recursive: true });
  const planPath = path.join(dir, '.github/canary.yml');
  await writeFile(planPath, stringify(reference));
  await writeFile(path.join(dir, '.github/INCIDENT_TEMPLATE.md'), INCIDENT_TEMPLATE);
  await writeFile(
    path.join(dir, 'scripts/scale-canary.sh'),
    '#!/bin/sh\necho "scale canary to $1" >> scale.log\n',
  );
  await chmod(path.join(dir, 'scripts/scale-canary.sh'), 0o755);
  const evidenceRemote = path.join(dir, '..', `${path.basename(dir)}-evidence.git`);
  execGit(['init', '--quiet', '--bare', evidenceRemote]);
  const gitIn = (...args: string[]) => execGit(['--git-dir', evidenceRemote, ...args], { encoding: 'utf8' });
  return {
    dir,
    planPath,
    evidenceRemote,
    scaleLog: () => readFile(path.join(dir, 'scale.log'), 'utf8').catch(() => ''),
    evidenceFiles: () => {
      try {
        // The evidence index entries that name each commit's files are the push's own bookkeeping.
        return gitIn('ls-tree', '-r', '--name-only', 'canary-evidence')
          .split('\n')
          .filter((f) => f && !f.startsWith('reports/evidence_index/'));
      } catch {
        return [];
      }
    },
    evidenceFile: (file) => gitIn('show', `canary-evidence:${file}`),
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
      await rm(evidenceRemote, { recursive: true, force: true });
    },
  };
}
