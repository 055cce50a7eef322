import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../config/index.js';
import { checkEvidencePath } from './paths.js';

export interface CollectedFile {
  path: string;
  content: Buffer;
}

/**
 * Every file below `fromDir` (sorted, `.git` skipped), placed under `toPath` in the evidence branch. An empty
 * or missing folder is an error: pushing "no evidence" must never look like success. A link is an error too,
 * rather than silently left out or followed to whatever it points at.
 */
export async function collectEvidenceFiles(fromDir: string, toPath: string): Promise<CollectedFile[]> {
  const destination = toPath === '.' || toPath === '' ? '' : checkEvidencePath(toPath, 'to');
  const root = path.resolve(fromDir);
  const out: CollectedFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new ConfigurationError(
        `from: cannot read ${dir} (${(error as NodeJS.ErrnoException).code ?? 'error'}); expected a folder of evidence files`,
      );
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink())
        throw new ConfigurationError(
          `from: ${path.relative(root, full) || full} is a symbolic link; evidence is never read through a link (copy the file in instead)`,
        );
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const rel = path.relative(root, full).split(path.sep).join('/');
        out.push({ path: destination ? `${destination}/${rel}` : rel, content: await readFile(full) });
      }
    }
  };
  await walk(root);
  if (out.length === 0) throw new ConfigurationError(`from: ${fromDir} has no files to push`);
  return out;
}
