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
  /** The content of a regular file once read (see TreeReader.load); null otherwise. */
  bytes: Buffer | null;
  /** The git blob of a file read from a commit. */
  blobId?: string;
  /** Where a link points, for the report. */
  linkTarget?: string;
}

/** A tree's entries, whose contents are read on demand, so checking one release reads only its files. */
export interface TreeReader {
  files: TreeFile[];
  /** Fills in `bytes` of the given regular files (in one pass for git). */
  load(files: TreeFile[]): Promise<void>;
}

/** Every entry below `root` except the repository's own `.git`; directories that are links are not entered. */
export async function readTreeFromDisk(root: string): Promise<TreeReader> {
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
        out.push({ path: rel, type: 'file', bytes: null });
      } else {
        out.push({ path: rel, type: 'other', bytes: null });
      }
    }
  };
  await walk(root, '');
  return {
    files: out,
    async load(files) {
      for (const f of files) {
        if (f.type === 'file' && f.bytes === null)
          f.bytes = await readFile(path.join(root, ...f.path.split('/')));
      }
    },
  };
}

/** Every entry of `ref`'s tree, listed from git objects; contents are read in batches on demand. */
export async function readTreeFromGit(git: GitCommandManager, ref: string): Promise<TreeReader> {
  const listing = await git.exec(['ls-tree', '-r', '-z', '--full-tree', ref]);
  const files: TreeFile[] = [];
  const links: TreeFile[] = [];
  for (const line of listing.stdout.split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [mode, , id] = line.slice(0, tab).split(' ');
    const file = line.slice(tab + 1);
    if (mode === '120000') {
      const link: TreeFile = { path: file, type: 'symlink', bytes: null, blobId: id! };
      links.push(link);
      files.push(link);
    } else if (mode === '100644' || mode === '100755')
      files.push({ path: file, type: 'file', bytes: null, blobId: id! });
    else files.push({ path: file, type: 'other', bytes: null });
  }
  // A link's blob is its target, shown in the report.
  const targets = await git.readBlobs(links.map((l) => l.blobId!));
  links.forEach((l, i) => (l.linkTarget = targets[i]?.toString('utf8') ?? '?'));
  return {
    files,
    async load(wanted) {
      const missing = wanted.filter((f) => f.type === 'file' && f.bytes === null && f.blobId);
      const blobs = await git.readBlobs(missing.map((f) => f.blobId!));
      missing.forEach((f, i) => (f.bytes = blobs[i] ?? Buffer.alloc(0)));
    },
  };
}
