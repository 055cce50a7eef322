/**
 * Guards every write into a checkout of the evidence branch: each component of the path, from the checkout's
 * root down to the file, must be a real directory or file (or not exist yet), never a symbolic link. A link
 * committed by anyone with push access would otherwise redirect the write to any folder of the runner.
 */
import { lstatSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { EvidenceSymlinkError } from './errors.js';

/** Throws EvidenceSymlinkError naming the first link on `relative` (a checked branch path) below `root`. */
export async function assertNoLinkOnPath(root: string, relative: string): Promise<void> {
  const segments = relative.split('/');
  let current = root;
  for (let i = 0; i < segments.length; i++) {
    current = path.join(current, segments[i]!);
    const info = await lstat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    // A missing component is created by the write itself as a real directory or file.
    if (info === null) return;
    if (info.isSymbolicLink()) throw new EvidenceSymlinkError(relative, segments.slice(0, i + 1).join('/'));
  }
}

/** The same check for synchronous readers (a decision record's digests are computed inside a sync update). */
export function assertNoLinkOnPathSync(root: string, relative: string): void {
  const segments = relative.split('/');
  let current = root;
  for (let i = 0; i < segments.length; i++) {
    current = path.join(current, segments[i]!);
    let info;
    try {
      info = lstatSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    if (info.isSymbolicLink()) throw new EvidenceSymlinkError(relative, segments.slice(0, i + 1).join('/'));
  }
}
