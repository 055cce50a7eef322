/**
 * The files of an evidence branch as verify reads them: from a checkout on disk (without following any link)
 * or straight from a commit's tree in git (nothing is checked out, so a committed link is never materialised).
 */
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { GitCommandManager } from '../git/git-command-manager.js';

export interface TreeFile {
  /** From the branch root, forward slashes. */
  path: string;
  /** `other` is anything git or the filesystem holds that is neither a file nor a link (a submodule, a fifo). */
  type: 'file' | 'symlink' | 'other';
  /** The content of a regular file; null otherwise. */
  bytes: Buffer | null;
  /** Where a link points, for the report. */
  linkTarget?: string;
}

/** Every entry below `root` except the repository's own `.git`; directories that are links are not entered. */
export async function readTreeFromDisk(root: string): Promise<TreeFile[]> {
  const out: TreeFile[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      if (prefix === '' && name === '.git') continue;
      const full = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      const info = await lstat(full);
      if (info.isSymbolicLink()) {
        out.push({ path: rel, type: 'symlink', bytes: null, linkTarget: await readlink(full) });
      } else if (info.isDirectory()) {
        await walk(full, rel);
      } else if (info.isFile()) {
        out.push({ path: rel, type: 'file', bytes: await readFile(full) });
      } else {
        out.push({ path: rel, type: 'other', bytes: null });
      }
    }
  };
  await walk(root, '');
  return out;
}

/** Every entry of `ref`'s tree, read from git objects in one pass. */
export async function readTreeFromGit(git: GitCommandManager, ref: string): Promise<TreeFile[]> {
  const listing = await git.exec(['ls-tree', '-r', '-z', '--full-tree', ref]);
  const rows = listing.stdout
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [mode, , id] = line.slice(0, tab).split(' ');
      return { mode: mode!, id: id!, path: line.slice(tab + 1) };
    });
  const readable = rows.filter((r) => r.mode === '100644' || r.mode === '100755' || r.mode === '120000');
  const blobs = await git.readBlobs(readable.map((r) => r.id));
  const byId = new Map(readable.map((r, i) => [r.path, blobs[i] ?? null]));
  return rows.map((r) => {
    if (r.mode === '120000')
      return {
        path: r.path,
        type: 'symlink',
        bytes: null,
        linkTarget: byId.get(r.path)?.toString('utf8') ?? '?',
      };
    if (r.mode === '100644' || r.mode === '100755')
      return { path: r.path, type: 'file', bytes: byId.get(r.path) ?? null };
    return { path: r.path, type: 'other', bytes: null };
  });
}
