/**
 * git for test fixtures, quietly: its stdout and stderr are captured, never printed into the test output (hints,
 * "Switched to branch", detached-HEAD advice and init's default-branch hint are expected noise). When git fails,
 * the thrown error's message carries its stderr, so a failing fixture still says why.
 */
import {
  execFileSync,
  type ExecFileSyncOptions,
  type ExecFileSyncOptionsWithBufferEncoding,
  type ExecFileSyncOptionsWithStringEncoding,
} from 'node:child_process';

export function execGit(args: readonly string[], options: ExecFileSyncOptionsWithStringEncoding): string;
export function execGit(args: readonly string[], options?: ExecFileSyncOptionsWithBufferEncoding): Buffer;
export function execGit(args: readonly string[], options: ExecFileSyncOptions = {}): string | Buffer {
  const quiet: ExecFileSyncOptions = { ...options, stdio: options.stdio ?? 'pipe' };
  return execFileSync('git', args, quiet) as string | Buffer;
}
