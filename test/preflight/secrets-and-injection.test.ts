/**
 * The preflight attacks, on the preflight action's source run as the runner runs it: a `run` check that echoes
 * the chat webhook URL leaves it in no evidence file, summary, output or log line; a previous tag carrying shell
 * (`v1.0.0;touch${IFS}X;#`, legal in git) reaches `{{previous_tag}}` as data and creates no file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAction, type ActionRun } from '../support/run-action.js';
import { commitAll, git, initRepo, tempDir, writeFiles } from './support.js';

const WEBHOOK = 'https://hooks.example.test/services/T0FAKE/B0FAKE/preflightFAKEhook5678';
const PROM_TOKEN = 'prom-FAKE-preflight-8a9b0c1d';
const GITHUB_TOKEN = 'ghs-FAKE-preflight-token-2e3f4a5b';
const EVIL_TAG = 'v1.0.0;touch${IFS}INJECTED;#';

const plan = `version: 1
release: { service: spark-trading-api }
metrics:
  prometheus: { url: "http://127.0.0.1:9", bearer_token_env: PROM_TOKEN }
  queries: { p95: { query: "vector(1)" } }
guardrails: { p95: { metric: p95, hard: { above: 400 } } }
stages: [{ name: pilot, traffic: 1, duration: 15m, interval: 2m, guardrails: [p95] }]
notify: { webhooks: [{ url_env: CANARY_WEBHOOK_URL }] }
preflight:
  - { name: echo-hook, run: 'echo "hook=$CANARY_WEBHOOK_URL prom=$PROM_TOKEN gh=$GITHUB_TOKEN"; env' }
  - { name: echo-hook-passed, env: [CANARY_WEBHOOK_URL, PROM_TOKEN], run: 'echo "hook=$CANARY_WEBHOOK_URL prom=$PROM_TOKEN"; exit 1' }
  - { name: previous-tag, run: "echo prev={{previous_tag}}" }
  - { name: previous-tag-quoted, run: "echo \\"prev={{previous_tag}}\\" 'again={{previous_tag}}'" }
`;

let work: ReturnType<typeof tempDir>;
let run: ActionRun;

beforeAll(async () => {
  work = tempDir('preflight-secrets-');
  initRepo(work.dir);
  writeFiles(work.dir, { '.github/canary.yml': plan });
  commitAll(work.dir, 'one', '2026-01-01T00:00:00Z');
  git(work.dir, ['tag', EVIL_TAG]);
  writeFiles(work.dir, { 'README.md': 'x' });
  commitAll(work.dir, 'two', '2026-01-02T00:00:00Z');
  run = await runAction('preflight', {
    entry: 'source',
    inputs: { version: '1.4.0' },
    token: GITHUB_TOKEN,
    env: { CANARY_WEBHOOK_URL: WEBHOOK, PROM_TOKEN, GITHUB_TOKEN },
    cwd: work.dir,
    timeoutMs: 60_000,
  });
}, 90_000);
afterAll(() => work?.cleanup());

describe('preflight run checks', () => {
  it('leave no webhook URL, Prometheus token or GitHub token in evidence, summary, outputs or logs', () => {
    const evidence = readFileSync(run.outputs['evidence-file']!, 'utf8');
    const left = [
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      run.stderr,
      run.summary,
      JSON.stringify(run.outputs),
      evidence,
    ].join('\n');
    for (const secret of [WEBHOOK, PROM_TOKEN, GITHUB_TOKEN]) expect(left).not.toContain(secret);
    const results = JSON.parse(run.outputs['result-json']!) as Array<{ name: string; message: string }>;
    // Not passed: the command's environment does not hold them at all.
    expect(evidence).toContain('hook= prom= gh=');
    // Passed on purpose with env: the masker hides them.
    expect(results.find((r) => r.name === 'echo-hook-passed')?.message).toContain('hook=*** prom=***');
    expect(run.masks).toEqual(expect.arrayContaining([WEBHOOK, PROM_TOKEN, GITHUB_TOKEN]));
  });

  it('a previous tag with shell in it is one argument, bare or quoted, and creates no file', () => {
    const results = JSON.parse(run.outputs['result-json']!) as Array<{
      name: string;
      status: string;
      message: string;
    }>;
    const byName = Object.fromEntries(results.map((r) => [r.name, r]));
    expect(byName['previous-tag']?.status).toBe('pass');
    expect(byName['previous-tag-quoted']?.status).toBe('pass');
    const evidence = readFileSync(run.outputs['evidence-file']!, 'utf8');
    expect(evidence).toContain(`prev=${EVIL_TAG}`);
    expect(evidence).toContain(`prev=${EVIL_TAG} again=${EVIL_TAG}`);
    expect(existsSync(join(work.dir, 'INJECTED'))).toBe(false);
  });
});
