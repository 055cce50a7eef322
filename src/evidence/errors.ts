/** The decision log reached GA; it is immutable from then on. */
export class EvidenceSealedError extends Error {
  constructor(
    readonly file: string,
    readonly gaRecordIndex: number,
  ) {
    super(
      `${file}: the decision log is sealed (record ${gaRecordIndex} has phase "ga"); decision logs are immutable once GA is reached, nothing was written`,
    );
    this.name = 'EvidenceSealedError';
  }
}

/** The existing log does not verify, so appending to it would extend a chain nobody can trust. */
export class EvidenceChainError extends Error {
  constructor(
    readonly file: string,
    readonly recordIndex: number,
    readonly detail: string,
  ) {
    super(`${file}: record ${recordIndex}: ${detail}; refusing to append to a broken decision log`);
    this.name = 'EvidenceChainError';
  }
}

/** Pushing evidence gave up after its bounded number of attempts. */
export class EvidencePushError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'EvidencePushError';
  }
}

/**
 * A path being written crosses a symbolic link. Anyone who can push to the evidence branch can commit a link,
 * so following it would write outside the clone (onto the runner) or into another file; nothing is written.
 */
export class EvidenceSymlinkError extends Error {
  constructor(
    /** The written path, from the branch root. */
    readonly target: string,
    /** The part of it that is a symbolic link. */
    readonly link: string,
  ) {
    super(
      `evidence: refusing to write ${target}: ${link === target ? 'it' : link} is a symbolic link on the evidence branch; evidence is never written through a link (remove the link from the branch), nothing was pushed`,
    );
    this.name = 'EvidenceSymlinkError';
  }
}
