/** One reason an evidence branch does not verify, named the way a reader finds it. */
export interface EvidenceProblem {
  /** Path from the branch root: a decision log, an evidence file or an index entry. */
  file: string;
  /** 0-based record index; null for a problem with the file as a whole. */
  recordIndex: number | null;
  /** The record's phase, when it could be read, so the report names the record the way a reader would. */
  phase: string | null;
  field: string | null;
  message: string;
  /** The commit that introduced the problem, when git history showed it. */
  commit?: string;
}

export function fileProblem(
  file: string,
  message: string,
  extra: Partial<EvidenceProblem> = {},
): EvidenceProblem {
  return { file, recordIndex: null, phase: null, field: null, message, ...extra };
}
