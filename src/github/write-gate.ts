/**
 * The one place a GitHub write happens. Every mutating API function hands its call to `write`, so
 * dry-run is a single switch: in dry-run the gate records what it would have written and never
 * calls GitHub (and the client also refuses any mutating request that slips past it).
 */
export interface WriteDescription {
  /** The REST operation, e.g. `issues.addLabels`. */
  operation: string;
  /** HTTP method and path as sent, e.g. `POST /repos/o/r/issues/12/labels`. */
  request: string;
  /** One human sentence, e.g. `add labels [hold-for-canary] to #12`. */
  summary: string;
}

export type WriteResult<T> =
  { performed: true; data: T } | { performed: false; wouldWrite: WriteDescription };

export interface WriteGateLog {
  info(message: string): void;
}

export interface WriteGate {
  readonly dryRun: boolean;
  /** Writes skipped because of dry-run, in call order. */
  readonly skipped: readonly WriteDescription[];
  write<T>(description: WriteDescription, perform: () => Promise<T>): Promise<WriteResult<T>>;
}

export function createWriteGate(options: { dryRun: boolean; log: WriteGateLog }): WriteGate {
  const skipped: WriteDescription[] = [];
  return {
    dryRun: options.dryRun,
    skipped,
    async write<T>(description: WriteDescription, perform: () => Promise<T>): Promise<WriteResult<T>> {
      if (options.dryRun) {
        skipped.push(description);
        options.log.info(`dry-run: would ${description.summary} (${description.request})`);
        return { performed: false, wouldWrite: description };
      }
      return { performed: true, data: await perform() };
    },
  };
}

/** Methods that change state on GitHub; GET and HEAD never do. */
export function isMutatingMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper !== 'GET' && upper !== 'HEAD';
}
