/**
 * The release's anchor outside the evidence branch: the GA record's sha256, written into the annotated tag's
 * message and the GitHub release body. Someone who can push to the evidence branch can rewrite it wholesale
 * (a force push), but not the tag or the release, so `verify-evidence --tag`/`--release` compares the two.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigurationError } from '../config/errors.js';
import type { EvidenceAnchor } from '../evidence/verify.js';
import { createGitCommandManager, type GitCommandManagerFactory } from '../git/git-command-manager.js';
import { isGitUrl, normalizeRemote } from '../git/remote.js';
import { getReleaseByTag } from '../github/api/releases.js';
import type { GitHubClient, RepoRef } from '../github/api/repo.js';

const GA_LINE = /^GA record sha256: ([0-9a-f]{64}) \(version (\S+), decision log (\S+)\)\s*$/m;

export interface GaAnchor {
  version: string;
  decisionLog: string;
  gaSha256: string;
}

/** The line carried by the tag message and the release body; parsed back by parseGaAnchor. */
export function gaAnchorLine(anchor: GaAnchor): string {
  return `GA record sha256: ${anchor.gaSha256} (version ${anchor.version}, decision log ${anchor.decisionLog})`;
}

/** The anchor in a tag message or release body, or null when the text carries none. */
export function parseGaAnchor(text: string, source: string): EvidenceAnchor | null {
  const match = GA_LINE.exec(text.replace(/\r\n/g, '\n').replace(/`/g, ''));
  return match ? { gaSha256: match[1]!, version: match[2]!, source } : null;
}

/** The annotated tag's message from a repository (path or URL); the tag is fetched into a scratch repository. */
export async function readTagAnchor(options: {
  repository: string;
  tag: string;
  token?: string;
  cwd?: string;
  tempDir?: string;
  git?: GitCommandManagerFactory;
}): Promise<EvidenceAnchor> {
  if (!/^[A-Za-z0-9._/+-]+$/.test(options.tag) || options.tag.startsWith('-') || options.tag.includes('..'))
    throw new ConfigurationError(`tag: "${options.tag}" is not a tag name (expected e.g. v1.4.0)`);
  const cwd = options.cwd ?? process.cwd();
  const remote = isGitUrl(options.repository) ? options.repository : normalizeRemote(options.repository, cwd);
  const scratch = await mkdtemp(path.join(options.tempDir ?? os.tmpdir(), 'canary-tag-'));
  try {
    const git = (options.git ?? createGitCommandManager)({
      workingDirectory: scratch,
      remote,
      ...(options.token ? { token: options.token } : {}),
    });
    await git.exec(['init', '--quiet', '--bare']);
    const ref = `refs/tags/${options.tag}`;
    const fetched = await git.exec(['fetch', '--quiet', '--no-tags', remote, `+${ref}:${ref}`], {
      network: true,
      allowFailure: true,
    });
    if (fetched.exitCode !== 0)
      throw new ConfigurationError(
        `tag: ${options.tag} cannot be read from ${options.repository} (${fetched.stderr.trim().split('\n').at(-1)})`,
      );
    const type = (await git.exec(['cat-file', '-t', ref])).stdout.trim();
    if (type !== 'tag')
      throw new ConfigurationError(
        `tag: ${options.tag} is a lightweight tag; only an annotated release tag carries the GA record's sha256`,
      );
    const message = (await git.exec(['cat-file', 'tag', ref])).stdout;
    const anchor = parseGaAnchor(message, `tag ${options.tag}`);
    if (!anchor)
      throw new ConfigurationError(
        `tag: the message of ${options.tag} carries no "GA record sha256: ..." line (a tag made before anchors existed, or not by release-tag)`,
      );
    return anchor;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The GitHub release's body for `tag`, through the API. */
export async function readReleaseAnchor(
  client: GitHubClient,
  repo: RepoRef,
  tag: string,
): Promise<EvidenceAnchor> {
  const release = await getReleaseByTag(client, repo, tag);
  if (!release)
    throw new ConfigurationError(`release: ${repo.owner}/${repo.repo} has no GitHub release for tag ${tag}`);
  const anchor = parseGaAnchor(release.body ?? '', `GitHub release ${tag}`);
  if (!anchor)
    throw new ConfigurationError(
      `release: the body of the GitHub release ${tag} carries no "GA record sha256: ..." line`,
    );
  return anchor;
}
