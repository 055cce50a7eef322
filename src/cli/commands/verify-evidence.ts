/**
 * `canary-conductor verify-evidence <repo-or-dir> [--version V]`: exit 0 when every decision log verifies,
 * 1 naming the first broken record, 2 for bad input.
 */
import { ConfigurationError, getErrorMessage, isConfigurationError } from '../../config/index.js';
import { describeProblem, firstProblem, verifyEvidence } from '../../evidence/verify.js';
import { parseCommandArgs } from '../args.js';
import { processIo, type CommandIo } from './cli-io.js';

export const USAGE = `usage: canary-conductor verify-evidence <repository|git URL|evidence checkout> [--version V]
                                       [--branch B] [--decisions-dir DIR] [--token-env NAME] [--json]
`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(
      'verify-evidence',
      argv,
      {
        version: { type: 'string' },
        branch: { type: 'string', default: 'canary-evidence' },
        'decisions-dir': { type: 'string', default: 'reports/release_decisions' },
        'token-env': { type: 'string', default: 'GITHUB_TOKEN' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      true,
    );
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new ConfigurationError(
        `verify-evidence: expected exactly one repository or directory, got ${positionals.length}\n${USAGE}`,
      );
    }
    const result = await verifyEvidence(positionals[0]!, {
      version: values.version,
      branch: values.branch,
      decisionsDir: values['decisions-dir'],
      token: io.env[values['token-env']!] || undefined,
      cwd: io.cwd,
    });
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.ok) {
      if (!values.json) {
        io.stdout(
          `evidence verified: ${result.logs.length} decision log(s), ${result.records} record(s), chain intact\n`,
        );
        for (const log of result.logs) {
          io.stdout(
            `  ${log.file}: ${log.records} record(s)${log.sealed ? ', sealed at GA' : ''}${log.commitsChecked ? `, ${log.commitsChecked} commit(s) append-only` : ''}\n`,
          );
        }
      }
      return 0;
    }
    const first = firstProblem(result.problems)!;
    io.stderr(`evidence verification FAILED at ${describeProblem(first)}\n`);
    for (const problem of result.problems) io.stderr(`  - ${describeProblem(problem)}\n`);
    return 1;
  } catch (error) {
    // A mistake in the arguments is already one line naming the command; other errors get the command's name.
    const message = getErrorMessage(error);
    io.stderr(`${message.startsWith('canary-conductor ') ? message : `verify-evidence: ${message}`}\n`);
    return isConfigurationError(error) ? 2 : 1;
  }
}
