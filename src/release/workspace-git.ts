/**
 * git in the workspace checkout, talking to its `origin`. actions/checkout normally leaves a credential for
 * origin in the checkout's config (persist-credentials); a second Authorization header would make GitHub refuse
 * the push, so the action's token is only added when the checkout holds none.
 */
import { ConfigurationError } from '../config/errors.js';
import {
  createGitCommandManager,
  type GitCommandManager,
  type GitCommandManagerFactory,
} from '../git/git-command-manager.js';

export interface WorkspaceGitOptions {
  workspace: string;
  token?: string;
  log?: (line: string) => void;
  factory?: GitCommandManagerFactory;
}

export async function workspaceGit(options: WorkspaceGitOptions): Promise<GitCommandManager> {
  const factory = options.factory ?? createGitCommandManager;
  const probe = factory({ workingDirectory: options.workspace, remote: '', log: options.log });
  const inside = await probe.exec(['rev-parse', '--is-inside-work-tree'], { allowFailure: true });
  if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') {
    throw new ConfigurationError(
      `workspace: ${options.workspace} is not a git checkout (run actions/checkout before release-tag)`,
    );
  }
  const origin = await probe.exec(['remote', 'get-url', 'origin'], { allowFailure: true });
  if (origin.exitCode !== 0 || !origin.stdout.trim()) {
    throw new ConfigurationError(
      `workspace: the checkout in ${options.workspace} has no remote "origin" to push the tag to`,
    );
  }
  const headers = await probe.exec(['config', '--get-regexp', '^http\\..*\\.extraheader$'], {
    allowFailure: true,
  });
  const hasCredential = headers.exitCode === 0 && headers.stdout.trim() !== '';
  return factory({
    workingDirectory: options.workspace,
    remote: origin.stdout.trim(),
    token: hasCredential ? undefined : options.token,
    log: options.log,
  });
}
