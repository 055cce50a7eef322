/**
 * `schema_diff` checks (any breaking change detected by a schema diff of `schemas/*` aborts the deployment
 * in pre-flight). Compares HEAD with the previous release tag (`--previous-tag`, the check's `since`, else
 * `git describe --tags --abbrev=0 HEAD^`). With no previous release there is nothing to break: the check passes
 * and says so.
 */
import { diffSchemaFiles } from '../schema-diff/diff-files.js';
import type { CheckContext, CheckVerdict } from '../types.js';

export async function schemaDiffCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const { paths, since: sinceRaw } = ctx.check.schema_diff!;
  const globs = paths.map((p, i) => ctx.render(p, `schema_diff.paths[${i}]`));
  const expected = `no breaking change in ${globs.join(', ')} since the previous release`;
  // The check's own `since` is the most specific answer to "compared with what"; else the run's previous tag.
  const since =
    sinceRaw === undefined ? await ctx.shared.previousTag() : ctx.render(sinceRaw, 'schema_diff.since');
  if (since === null)
    return {
      status: 'pass',
      expected,
      observed: 'no previous tag',
      message: 'no previous tag; nothing to compare',
    };
  if (sinceRaw !== undefined && !(await ctx.deps.git.refExists(since))) {
    return {
      status: 'error',
      expected,
      observed: `${since} is not a commit here`,
      message: `cannot compare: ${since} does not name a commit in this repository (a shallow checkout? use fetch-depth: 0)`,
    };
  }
  const changed =
    sinceRaw === undefined ? await ctx.shared.changedFiles() : await ctx.deps.git.changedFiles(since);
  const outcome = await diffSchemaFiles(ctx.deps.git, since, changed ?? [], globs);
  const details = { since, ...outcome };
  if (outcome.changes.length === 0) {
    return {
      status: 'pass',
      expected,
      observed: `${outcome.compared.length} changed schema file(s), no breaking change`,
      message: outcome.compared.length
        ? `no breaking change since ${since} in ${outcome.compared.join(', ')}`
        : `no schema file under ${globs.join(', ')} changed since ${since}`,
      details,
    };
  }
  const list = outcome.changes.map((c) => `${c.file}: ${c.detail}`);
  return {
    status: 'fail',
    expected,
    observed: `${outcome.changes.length} breaking change(s) since ${since}`,
    message: `${outcome.changes.length} breaking change(s) since ${since}: ${list.join('; ')}`,
    details,
  };
}
