/**
 * `github` checks ("every PR reviewed, at least 2 approvals", "no open critical/blocking issues"):
 * - `open_issues_with_labels` + `max`: open issues carrying ANY of the labels (one list call per label,
 *   unioned by number, pull requests left out); more than `max` (default 0) fails and names them.
 * - `min_approvals`: every pull request merged into the base branches (plan freeze.base_branches, default main)
 *   after the previous tag's commit time needs that many approvals. PRs come from `pulls.list state=closed
 *   sort=updated` (merged_at set), reviews from `pulls.listReviews`; a reviewer counts once, by their latest
 *   APPROVED / CHANGES_REQUESTED / DISMISSED review, and the author never counts.
 *   With no previous tag, every merged PR in the first 1000 closed ones is checked.
 * - `check_runs`: each named check run, latest on the release SHA, must be completed with conclusion
 *   success or neutral; missing, pending or red fails.
 */
import { listIssues } from '../../github/api/issues.js';
import { listCheckRunsForRef, listClosedPulls, listPullReviews, type ClosedPull } from '../github-api.js';
import type { CheckContext, CheckVerdict, GitHubTarget } from '../types.js';

const MAX_PULL_PAGES = 10;
const GREEN = new Set(['success', 'neutral']);

interface Part {
  ok: boolean;
  expected: string;
  observed: string;
  problem?: string;
  details: unknown;
}

export async function githubCheck(ctx: CheckContext): Promise<CheckVerdict> {
  const cfg = ctx.check.github!;
  const wants: string[] = [];
  if (cfg.open_issues_with_labels)
    wants.push(`at most ${cfg.max ?? 0} open issue(s) labelled ${cfg.open_issues_with_labels.join(' or ')}`);
  if (cfg.min_approvals !== undefined)
    wants.push(`>= ${cfg.min_approvals} approval(s) on every PR merged since the previous tag`);
  if (cfg.check_runs) wants.push(`check runs ${cfg.check_runs.join(', ')} green on the release SHA`);
  const expected = wants.join('; ') || 'nothing (no github condition declared)';
  if (wants.length === 0) {
    return {
      status: 'error',
      expected,
      observed: 'no condition',
      message: 'github check declares none of open_issues_with_labels, min_approvals, check_runs',
    };
  }
  const gh = ctx.deps.github;
  if (!gh) {
    return {
      status: 'error',
      expected,
      observed: 'no GitHub client',
      message: 'the github check needs a token and a repository (GITHUB_TOKEN/--token and GITHUB_REPOSITORY)',
    };
  }

  const parts: Part[] = [];
  if (cfg.open_issues_with_labels)
    parts.push(await openIssues(gh, cfg.open_issues_with_labels, cfg.max ?? 0));
  if (cfg.min_approvals !== undefined) parts.push(await approvals(ctx, gh, cfg.min_approvals));
  if (cfg.check_runs) parts.push(await checkRuns(gh, cfg.check_runs));

  const observed = parts.map((p) => p.observed).join('; ');
  const problems = parts.filter((p) => !p.ok).map((p) => p.problem!);
  const details = parts.map((p) => p.details);
  if (problems.length) return { status: 'fail', expected, observed, message: problems.join('; '), details };
  return { status: 'pass', expected, observed, message: observed, details };
}

async function openIssues(gh: GitHubTarget, labels: string[], max: number): Promise<Part> {
  const found = new Map<number, { number: number; title: string; labels: string[] }>();
  for (const label of labels) {
    for await (const issue of listIssues(gh.client, gh.repo, [label], 'open')) {
      found.set(issue.number, {
        number: issue.number,
        title: issue.title,
        labels: issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
      });
    }
  }
  const issues = [...found.values()].sort((a, b) => a.number - b.number);
  const expected = `<= ${max} open issue(s) labelled ${labels.join(' or ')}`;
  const observed = `${issues.length} open issue(s) labelled ${labels.join(' or ')}`;
  const details = { open_issues: issues };
  if (issues.length <= max) return { ok: true, expected, observed, details };
  const list = issues
    .slice(0, 10)
    .map((i) => `#${i.number} "${i.title}" [${i.labels.join(', ')}]`)
    .join(', ');
  return {
    ok: false,
    expected,
    observed,
    problem: `${issues.length} open issue(s) labelled ${labels.join(' or ')} (at most ${max} allowed): ${list}${issues.length > 10 ? ', ...' : ''}`,
    details,
  };
}

async function mergedSince(gh: GitHubTarget, bases: string[], since: Date | null): Promise<ClosedPull[]> {
  const merged: ClosedPull[] = [];
  for (const base of bases) {
    let pages = 0;
    for await (const page of listClosedPulls(gh.client, gh.repo, base)) {
      for (const pull of page) {
        if (pull.merged_at && (since === null || new Date(pull.merged_at) > since)) merged.push(pull);
      }
      // Sorted by update time: once a whole page was last updated before the tag, no later page has merges after it.
      if (since !== null && page.every((p) => new Date(p.updated_at) <= since)) break;
      if (++pages >= MAX_PULL_PAGES) break;
    }
  }
  return merged.sort((a, b) => a.number - b.number);
}

async function approvals(ctx: CheckContext, gh: GitHubTarget, min: number): Promise<Part> {
  const tag = await ctx.shared.previousTag();
  const since = tag === null ? null : await ctx.deps.git.commitTime(tag);
  const bases = ctx.options.baseBranches?.length ? ctx.options.baseBranches : ['main'];
  const pulls = await mergedSince(gh, bases, since);
  const counted = [];
  for (const pull of pulls) {
    const reviews = await listPullReviews(gh.client, gh.repo, pull.number);
    const latest = new Map<string, string>();
    for (const r of [...reviews].sort(
      (a, b) => Date.parse(a.submitted_at ?? '') - Date.parse(b.submitted_at ?? ''),
    )) {
      const login = r.user?.login;
      if (!login || login === pull.user?.login) continue;
      if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED')
        latest.set(login, r.state);
    }
    const approvers = [...latest.entries()]
      .filter(([, s]) => s === 'APPROVED')
      .map(([l]) => l)
      .sort();
    counted.push({ number: pull.number, title: pull.title, approvals: approvers.length, approvers });
  }
  const short = counted.filter((p) => p.approvals < min);
  const scope =
    tag === null ? 'no previous tag; all merged PRs' : `PRs merged into ${bases.join(', ')} since ${tag}`;
  const expected = `>= ${min} approval(s) on each of the ${scope}`;
  const observed = `${counted.length - short.length}/${counted.length} ${scope} have >= ${min} approvals`;
  const details = { previous_tag: tag, since: since?.toISOString() ?? null, pulls: counted };
  if (short.length === 0) return { ok: true, expected, observed, details };
  const list = short
    .map(
      (p) =>
        `#${p.number} "${p.title}" has ${p.approvals}${p.approvers.length ? ` (${p.approvers.join(', ')})` : ''}`,
    )
    .join(', ');
  return {
    ok: false,
    expected,
    observed,
    problem: `${short.length} PR(s) merged without ${min} approvals: ${list}`,
    details,
  };
}

async function checkRuns(gh: GitHubTarget, names: string[]): Promise<Part> {
  const sha = gh.sha;
  const results = [];
  for (const name of names) {
    const runs = await listCheckRunsForRef(gh.client, gh.repo, sha, name);
    const run = runs
      .filter((r) => r.name === name)
      .sort((a, b) => Date.parse(b.started_at ?? '') - Date.parse(a.started_at ?? '') || b.id - a.id)[0];
    const state = !run ? 'missing' : run.status !== 'completed' ? run.status : (run.conclusion ?? 'unknown');
    results.push({
      name,
      state,
      ok: state !== 'missing' && run?.status === 'completed' && GREEN.has(state),
      url: run?.html_url ?? null,
    });
  }
  const bad = results.filter((r) => !r.ok);
  const expected = `${names.join(', ')} green on ${sha.slice(0, 12)}`;
  const observed = `check runs on ${sha.slice(0, 12)}: ${results.map((r) => `${r.name}=${r.state}`).join(', ')}`;
  const details = { sha, check_runs: results };
  if (bad.length === 0) return { ok: true, expected, observed, details };
  return {
    ok: false,
    expected,
    observed,
    problem: `check runs not green on ${sha.slice(0, 12)}: ${bad.map((r) => `${r.name} is ${r.state}`).join(', ')}`,
    details,
  };
}
