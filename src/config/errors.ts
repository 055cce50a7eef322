/**
 * Errors a user can fix (a bad plan, a bad input) are ConfigurationErrors: the CLI prints them plainly and exits 2,
 * an action reports them once with setFailed. Anything else is an internal failure (exit 1).
 */
export interface PlanProblem {
  /** YAML path such as `stages[2].traffic`. */
  path: string;
  /** `line:column` in the file, 1-based, when the position is known. */
  position?: { line: number; col: number };
  /** What is wrong and what was expected, e.g. `150 is above 100 (a percentage 0..100)`. */
  message: string;
}

/**
 * Problems shown to a person at once; the rest are counted. A file of 50,000 mistakes is fixed from its first
 * few, and printing them all buries the first.
 */
export const SHOWN_PROBLEMS = 50;

/** The first SHOWN_PROBLEMS lines, then one line counting the rest. */
export function formatProblemList(problems: PlanProblem[], indent = '  - '): string[] {
  const lines = problems.slice(0, SHOWN_PROBLEMS).map((p) => `${indent}${formatProblem(p)}`);
  const more = problems.length - SHOWN_PROBLEMS;
  if (more > 0)
    lines.push(
      `  ... and ${more} more problem${more === 1 ? '' : 's'} (the first ${SHOWN_PROBLEMS} are shown)`,
    );
  return lines;
}

export class ConfigurationError extends Error {
  readonly problems: PlanProblem[];
  constructor(message: string, problems: PlanProblem[] = []) {
    super(problems.length ? `${message}\n${formatProblemList(problems).join('\n')}` : message);
    this.name = 'ConfigurationError';
    this.problems = problems;
  }
}

export function formatProblem(p: PlanProblem): string {
  const where = p.position ? ` (line ${p.position.line}:${p.position.col})` : '';
  return `${p.path || '(root)'}${where}: ${p.message}`;
}

export function isConfigurationError(e: unknown): e is ConfigurationError {
  return e instanceof ConfigurationError;
}

export function getErrorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
