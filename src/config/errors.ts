/**
 * The error taxonomy, in three kinds:
 * - a user's mistake (a bad plan, a bad input, a missing precondition the user can fix) is a ConfigurationError:
 *   the CLI prints it plainly and exits 2, an action reports it once with setFailed; never a stack;
 * - an expected state (no evidence branch yet, no previous tag, a file absent at a ref) is a value: null or a
 *   tagged result, never an error a caller tells apart by its message;
 * - anything else is an internal error: exit 1, its stack printed when debug output is asked for
 *   (`--debug`, or a run re-run with debug logging: ACTIONS_STEP_DEBUG / RUNNER_DEBUG).
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

export const EXIT_INTERNAL_ERROR = 1;
export const EXIT_USER_ERROR = 2;

/** The exit code of a run that threw: 2 for a user's mistake, 1 for an internal error. */
export function exitCodeFor(e: unknown): typeof EXIT_INTERNAL_ERROR | typeof EXIT_USER_ERROR {
  return e instanceof ConfigurationError ? EXIT_USER_ERROR : EXIT_INTERNAL_ERROR;
}

/** Whether the environment asks for debug output (GitHub sets these when a run is re-run with debug logging). */
export function debugRequested(env: NodeJS.ProcessEnv): boolean {
  return ['ACTIONS_STEP_DEBUG', 'RUNNER_DEBUG', 'CANARY_DEBUG'].some((name) => {
    const value = env[name]?.trim().toLowerCase();
    return value !== undefined && value !== '' && value !== '0' && value !== 'false';
  });
}

/**
 * What a failed run prints: a user's mistake as its message alone; an internal error named as one, with its stack
 * when debug output is asked for.
 */
export function failureReport(e: unknown, who: string, debug: boolean): string {
  if (e instanceof ConfigurationError) return e.message;
  const line = `${who}: internal error: ${getErrorMessage(e)}`;
  const stack = e instanceof Error ? e.stack : undefined;
  return debug && stack ? `${line}\n${stack}` : line;
}
