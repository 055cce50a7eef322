/**
 * The environment a plan command runs with. Commands are the plan author's code (or a runbook's), and on a
 * runner the job's environment holds the workflow token, the Prometheus token and chat webhook URLs; a command
 * that prints `env` on failure would put them in the evidence. So a command gets a minimal environment, the
 * run's context as `CANARY_*` variables, and only the variables its plan entry names in `env:`.
 */
import { ConfigurationError } from '../config/errors.js';
import type { PlaceholderName, TemplateContext } from '../config/template.js';
import { SECRET_NAME } from '../secrets/masker.js';

/** What `env:` on a plan command holds: names passed through from the job, or NAME: value pairs. */
export type CommandEnvSpec = readonly string[] | Readonly<Record<string, string>>;

/** Passed through from the job when set: what a shell and ordinary tools need to work. */
const BASE_VARIABLES = [
  'PATH',
  'HOME',
  'LANG',
  'LC_ALL',
  'TZ',
  'TMPDIR',
  'CI',
  'RUNNER_OS',
  'RUNNER_ARCH',
  'RUNNER_TEMP',
];
/**
 * The runner's file commands: a command writing to them would set outputs, environment or PATH of later steps
 * behind the masker's back, so they are never passed (a plan may still name them explicitly).
 */
const FILE_COMMAND_VARIABLES = new Set([
  'GITHUB_ENV',
  'GITHUB_OUTPUT',
  'GITHUB_PATH',
  'GITHUB_STATE',
  'GITHUB_STEP_SUMMARY',
]);

/** Each placeholder's variable: `{{previous_tag}}` reaches a shell as "$CANARY_PREVIOUS_TAG". */
export function contextVariableName(placeholder: PlaceholderName | string): string {
  return `CANARY_${placeholder.toUpperCase()}`;
}

export function contextVariables(context: TemplateContext): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(context)) {
    if (value !== undefined && value !== null && value !== '')
      vars[contextVariableName(name)] = String(value);
  }
  return vars;
}

/** The minimal environment: base variables and the runner's non-secret GITHUB_* values. */
export function minimalEnvironment(parent: NodeJS.ProcessEnv): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of BASE_VARIABLES) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || !name.startsWith('GITHUB_')) continue;
    if (FILE_COMMAND_VARIABLES.has(name) || SECRET_NAME.test(name)) continue;
    env[name] = value;
  }
  return env;
}

/**
 * The environment of one plan command: the minimal environment, the context variables, then what the plan's
 * `env:` names (a named variable that is not set is an error naming the field: a command that silently runs
 * without its KUBECONFIG acts on the wrong cluster).
 */
export function commandEnvironment(options: {
  parent: NodeJS.ProcessEnv;
  context: TemplateContext;
  spec?: CommandEnvSpec | undefined;
  /** The plan field the `env:` belongs to, for messages, e.g. `rollback.env`. */
  field: string;
}): Record<string, string> {
  const env = { ...minimalEnvironment(options.parent), ...contextVariables(options.context) };
  const spec = options.spec;
  if (!spec) return env;
  if (Array.isArray(spec)) {
    for (const [i, name] of (spec as readonly string[]).entries()) {
      const value = options.parent[name];
      if (value === undefined)
        throw new ConfigurationError(
          `${options.field}[${i}]: environment variable ${name} is not set in this job (set it on the step, or remove it from ${options.field})`,
        );
      env[name] = value;
    }
  } else {
    for (const [name, value] of Object.entries(spec as Record<string, string>)) env[name] = value;
  }
  return env;
}
