/**
 * `canary-conductor evidence push --remote R --branch B --from DIR --to PATH --message M`
 * Pushes a folder of evidence to the evidence branch (see src/evidence/push.ts). The token is read from the
 * environment variable named by --token-env (default GITHUB_TOKEN), never from the command line.
 */
import { ConfigurationError, getErrorMessage, isConfigurationError } from '../../config/index.js';
import { pushEvidence } from '../../evidence/push.js';
import { defaultEvidenceRemote } from '../../git/remote.js';
import { parseCommandArgs } from '../args.js';
import { processIo, type CommandIo } from './cli-io.js';

export const USAGE = `usage: canary-conductor evidence push --from DIR --to PATH --message M [--remote R] [--branch B]
                                       [--max-attempts N] [--token-env NAME] [--json]
  --remote       git URL or local path (default: the GitHub repository of this run)
  --branch       evidence branch (default canary-evidence; created as an orphan branch when missing)
  --from / --to  folder to push and its destination in the branch, e.g. --to evidence/1.4.0
  --message      commit message; name the release, the stage and the run URL
  --token-env    environment variable holding the token for https remotes (default GITHUB_TOKEN)
`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === '--help' || sub === '-h') {
      io.stdout(USAGE);
      return sub === undefined ? 2 : 0;
    }
    if (sub !== 'push')
      throw new ConfigurationError(`evidence: unknown subcommand "${sub}" (expected push)\n${USAGE}`);
    const { values } = parseCommandArgs('evidence push', rest, {
      remote: { type: 'string' },
      branch: { type: 'string', default: 'canary-evidence' },
      from: { type: 'string' },
      to: { type: 'string' },
      message: { type: 'string' },
      'max-attempts': { type: 'string', default: '6' },
      'token-env': { type: 'string', default: 'GITHUB_TOKEN' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    });
    for (const required of ['from', 'to', 'message'] as const) {
      if (!values[required]) throw new ConfigurationError(`--${required} is required\n${USAGE}`);
    }
    const maxAttempts = Number(values['max-attempts']);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new ConfigurationError(
        `--max-attempts: expected a positive integer, got ${values['max-attempts']}`,
      );
    }
    const remote = values.remote ?? defaultEvidenceRemote(io.env);
    const token = io.env[values['token-env']!] || undefined;
    const result = await pushEvidence({
      remote,
      branch: values.branch!,
      fromDir: values.from!,
      toPath: values.to!,
      message: values.message!,
      token,
      maxAttempts,
      cwd: io.cwd,
      log: values.verbose ? (line) => io.stderr(`${line}\n`) : undefined,
    });
    if (values.json) io.stdout(`${JSON.stringify(result)}\n`);
    else {
      io.stdout(
        result.changed
          ? `pushed ${result.files.length} file(s) to ${values.branch} as ${result.commit} (${result.attempts} attempt(s))\n`
          : `${values.branch} already holds this evidence at ${result.commit}; nothing to commit\n`,
      );
    }
    return 0;
  } catch (error) {
    // A mistake in the arguments is already one line naming the command; other errors get the command's name.
    const message = getErrorMessage(error);
    io.stderr(`${message.startsWith('canary-conductor ') ? message : `evidence: ${message}`}\n`);
    return isConfigurationError(error) ? 2 : 1;
  }
}
