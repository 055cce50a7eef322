/**
 * `canary-conductor verify-evidence <repo-or-dir> [--version V] [--tag T | --release T]`: exit 0 when the whole
 * evidence branch verifies (and matches the anchor of the tag or GitHub release, when given), 1 naming the
 * first problem, 2 for bad input.
 */
import { ConfigurationError, getErrorMessage, isConfigurationError } from '../../config/index.js';
import { describeProblem, firstProblem, verifyEvidence, type EvidenceAnchor } from '../../evidence/verify.js';
import { listRunApprovals } from '../../github/api/approvals.js';
import { parseRepository } from '../../github/api/repo.js';
import type { RunReviewersReader } from '../../evidence/approver-check.js';
import { reviewersOfRun } from '../../evidence/approvals.js';
import { readReleaseAnchor, readTagAnchor } from '../../release/anchor.js';
import { parseCommandArgs } from '../args.js';
import { commandGitHubClient, processIo, type CommandIo } from './cli-io.js';

export const USAGE = `usage: canary-conductor verify-evidence <repository|git URL|evidence checkout> [--version V]
                                       [--tag T [--tag-remote R] | --release T [--repo owner/name] [--api-url URL]]
                                       [--github] [--branch B] [--token-env NAME] [--json]
  --tag T      check the branch against the GA digest in the annotated tag T of the repository
               (or of --tag-remote, when the evidence lives in another repository than the tags)
  --release T  check it against the GA digest in the body of the GitHub release for tag T (through the API)
  --github     check each record's approver against GitHub's environment approvals of the record's run
`;

export async function run(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    const { values, positionals } = parseCommandArgs(
      'verify-evidence',
      argv,
      {
        version: { type: 'string' },
        tag: { type: 'string' },
        'tag-remote': { type: 'string' },
        release: { type: 'string' },
        github: { type: 'boolean', default: false },
        repo: { type: 'string' },
        'api-url': { type: 'string' },
        branch: { type: 'string', default: 'canary-evidence' },
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
    if (values.tag !== undefined && values.release !== undefined)
      throw new ConfigurationError('--tag and --release: give one anchor (the tag or the GitHub release)');
    const token = io.env[values['token-env']!] || undefined;
    const target = positionals[0]!;
    let anchor: EvidenceAnchor | undefined;
    if (values.tag !== undefined) {
      anchor = await readTagAnchor({
        repository: values['tag-remote'] ?? target,
        tag: values.tag,
        cwd: io.cwd,
        ...(token ? { token } : {}),
      });
    }
    const needsApi = values.release !== undefined || values.github;
    if (needsApi && !token)
      throw new ConfigurationError(
        `--token-env: environment variable ${values['token-env']} is not set (a token that can read releases and actions)`,
      );
    const client = needsApi
      ? commandGitHubClient(io, { token: token!, dryRun: true, apiUrl: values['api-url'] })
      : null;
    if (values.release !== undefined) {
      const repository = values.repo ?? io.env.GITHUB_REPOSITORY ?? '';
      if (!repository)
        throw new ConfigurationError(
          '--repo: expected owner/name of the repository holding the release (or GITHUB_REPOSITORY)',
        );
      anchor = await readReleaseAnchor(client!, parseRepository(repository, '--repo'), values.release);
    }
    const reviewers: RunReviewersReader | undefined = values.github
      ? async (run) => {
          try {
            return reviewersOfRun(
              await listRunApprovals(client!, { owner: run.owner, repo: run.repo }, run.runId),
            );
          } catch (error) {
            if ((error as { status?: number }).status === 404) return null;
            throw error;
          }
        }
      : undefined;
    const result = await verifyEvidence(target, {
      version: values.version,
      branch: values.branch,
      ...(anchor ? { anchor } : {}),
      ...(reviewers ? { reviewers } : {}),
      token,
      cwd: io.cwd,
    });
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.ok) {
      if (!values.json) {
        io.stdout(
          `evidence verified: ${result.logs.length} decision log(s), ${result.records} record(s), ${result.files} file(s) matching their digests, ${result.indexEntries} index entries, chain intact${result.commitsChecked ? `, ${result.commitsChecked} commit(s) only added or appended` : ' (no git history: removals cannot be seen)'}\n`,
        );
        if (reviewers) io.stdout("  every approver is known to GitHub as a reviewer of the record's run\n");
        if (result.anchor)
          io.stdout(
            `  GA record of ${result.anchor.version} matches ${result.anchor.source} (${result.anchor.gaSha256})\n`,
          );
        for (const log of result.logs) {
          io.stdout(`  ${log.file}: ${log.records} record(s)${log.sealed ? ', sealed at GA' : ''}\n`);
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
