/**
 * The release-tag step (post-deployment): for a promoted canary, the annotated tag at the
 * release commit, the evidence `release_oneliner.txt` and `canary_success_<ts>.txt`, and the GitHub release
 * with notes. Every part converges: a re-run writes nothing new.
 *
 * The evidence files are stamped with the canary's completion time (the last decision), not the time of this
 * run, so their names and bytes are the same on every run.
 */
import { ConfigurationError, type ReleasePlan } from '../config/index.js';
import { SEALING_PHASE } from '../evidence/decision-log.js';
import { pushEvidence } from '../evidence/push.js';
import { DEFAULT_IDENTITY } from '../git/push-loop.js';
import {
  createTemplateSource,
  renderEvidence,
  type RenderedEvidence,
  type TemplateSource,
} from '../evidence/render.js';
import type { GitCommandManager, GitCommandManagerFactory } from '../git/git-command-manager.js';
import type { GitHubClient, RepoRef } from '../github/api/repo.js';
import { loadReleaseEvidence, type ReleaseEvidence } from '../evidence/release-evidence.js';
import { humanDuration, releaseFacts, type ReleaseFacts } from '../rca/facts.js';
import { gaAnchorLine, type GaAnchor } from './anchor.js';
import { upsertRelease, type UpsertReleaseResult } from './github-release.js';
import { renderReleaseNotes, type EvidenceLink } from './notes.js';
import { ensureReleaseTag, type EnsureTagResult } from './tag.js';

export class ReleaseNotPromotedError extends ConfigurationError {
  constructor(version: string, reason: string) {
    super(
      `release-tag: ${version} was not promoted (${reason}); a release tag marks a successful canary, so nothing was tagged`,
    );
    this.name = 'ReleaseNotPromotedError';
  }
}

export interface ReleaseTagOptions {
  configPath: string;
  version: string;
  /** The commit to tag (the workflow's commit by default, resolved by the caller). */
  sha: string;
  /** The workspace checkout whose `origin` receives the tag. */
  workspaceGit: GitCommandManager;
  evidenceRemote: string;
  /** The repository on the web when the evidence lives in it (links to the evidence branch); null: paths only. */
  evidenceWeb: { serverUrl: string; repository: string } | null;
  deploymentId?: string;
  github: { client: GitHubClient; repo: RepoRef };
  token?: string;
  dryRun: boolean;
  /** Let GitHub append its generated release notes to ours when it creates the release. */
  generateReleaseNotes?: boolean;
  runUrl?: string;
  log: (line: string) => void;
  git?: GitCommandManagerFactory;
  templates?: TemplateSource;
  cwd?: string;
}

export interface ReleaseTagResult {
  tag: EnsureTagResult;
  release: UpsertReleaseResult;
  /** The GA record's digest carried by the tag message and the release body. */
  anchor: GaAnchor;
  facts: ReleaseFacts;
  oneliner: string;
  notes: string;
  evidence: { files: string[]; pushed: boolean; changed: boolean; commit: string | null };
}

function evidenceFilesToWrite(
  plan: ReleasePlan,
  version: string,
  dir: string,
  facts: ReleaseFacts,
  evidence: ReleaseEvidence,
  templates: TemplateSource,
  runUrl?: string,
): RenderedEvidence[] {
  const clock = { now: () => new Date(facts.endedAt!) };
  const common = { version, ...(runUrl ? { run_url: runUrl } : {}) };
  const oneliner = renderEvidence(
    'release_oneliner',
    {
      ...common,
      service: plan.release.service,
      outcome: 'SUCCESS',
      stages: facts.ramp,
      duration: humanDuration(facts.duration_s),
      rollbacks: facts.rollbacks,
    },
    { clock, templates, dir },
  );
  const success = renderEvidence(
    'canary_success',
    {
      ...common,
      started: facts.startedAt,
      duration: humanDuration(facts.duration_s),
      stages_passed: facts.stagesPassed,
      stages_total: facts.stagesPlanned,
      rollbacks: facts.rollbacks,
      evidence_dir: dir,
    },
    { clock, templates, dir },
  );
  // One success record per release: an earlier run's file stands (it may carry another run URL).
  const earlier = evidence.evidenceFiles.find((f) => /^canary_success_\d{8}_\d{6}\.txt$/.test(f));
  return earlier && !success.path.endsWith(`/${earlier}`) ? [oneliner] : [oneliner, success];
}

export async function releaseTag(options: ReleaseTagOptions): Promise<ReleaseTagResult> {
  const { plan, tag, evidenceDir, evidence } = await loadReleaseEvidence(options);
  const facts = releaseFacts(
    plan,
    options.version,
    evidence.stages,
    evidence.decisions,
    evidence.freezeStartedAt,
  );
  if (facts.outcome !== 'promoted') throw new ReleaseNotPromotedError(options.version, facts.outcomeReason);
  const ga = evidence.decisions.find((d) => d.phase === SEALING_PHASE);
  if (!ga || !evidence.decisionLogPath)
    throw new ReleaseNotPromotedError(
      options.version,
      'the decision log holds no ga record to anchor the tag to',
    );
  const anchor: GaAnchor = {
    version: options.version,
    decisionLog: evidence.decisionLogPath,
    gaSha256: ga.sha256,
  };

  const templates =
    options.templates ??
    createTemplateSource(plan.evidence.templates ? { overrideDir: plan.evidence.templates } : {});
  const files = evidenceFilesToWrite(
    plan,
    options.version,
    evidenceDir,
    facts,
    evidence,
    templates,
    options.runUrl,
  );
  const oneliner = files[0]!.content;

  const tagResult = await ensureReleaseTag({
    git: options.workspaceGit,
    tag,
    sha: options.sha,
    // The GA digest in the tag is the anchor a push to the evidence branch cannot rewrite.
    message: `Canary deployment successful\n\n${oneliner.trim()}\n\n${gaAnchorLine(anchor)}\n`,
    identity: DEFAULT_IDENTITY,
    dryRun: options.dryRun,
    log: options.log,
  });

  let pushed = { changed: false, commit: null as string | null };
  if (!options.dryRun) {
    const result = await pushEvidence({
      remote: options.evidenceRemote,
      branch: plan.evidence.branch,
      files: files.map((f) => ({ path: f.path, content: f.content })),
      message: `evidence(${tag}): release-tag - ${tag} at ${tagResult.sha.slice(0, 12)}\n\nRelease: ${tag}\nStage: release-tag\nRun: ${options.runUrl ?? 'local run (no GitHub run URL)'}\n`,
      token: options.token,
      git: options.git,
      log: options.log,
      cwd: options.cwd,
      clock: { now: () => new Date(facts.endedAt!) },
    });
    pushed = { changed: result.changed, commit: result.commit };
  }

  const webBase = options.evidenceWeb
    ? `${options.evidenceWeb.serverUrl.replace(/\/+$/, '')}/${options.evidenceWeb.repository}/blob/${plan.evidence.branch}`
    : null;
  const names = [
    ...new Set([...evidence.evidenceFiles, ...files.map((f) => f.path.split('/').pop()!)]),
  ].sort();
  const links: EvidenceLink[] = names.map((name) => {
    const path = `${evidenceDir}/${name}`;
    return { name, path, url: webBase ? `${webBase}/${path}` : null };
  });
  if (evidence.decisionLogPath) {
    links.push({
      name: 'decision log',
      path: evidence.decisionLogPath,
      url: webBase ? `${webBase}/${evidence.decisionLogPath}` : null,
    });
  }
  const notes = renderReleaseNotes({
    tag,
    sha: tagResult.sha,
    oneliner,
    facts,
    evidence: links,
    anchor,
    ...(options.runUrl ? { runUrl: options.runUrl } : {}),
  });
  const release = await upsertRelease(options.github.client, options.github.repo, {
    tag,
    name: `${plan.release.service} ${tag}`,
    body: notes,
    targetSha: tagResult.sha,
    ...(options.generateReleaseNotes ? { generateReleaseNotes: true } : {}),
    log: options.log,
  });
  return {
    tag: tagResult,
    release,
    anchor,
    facts,
    oneliner,
    notes,
    evidence: {
      files: files.map((f) => f.path),
      pushed: !options.dryRun,
      changed: pushed.changed,
      commit: pushed.commit,
    },
  };
}
