import { chmodSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/preflight/runner.js';
import { check, deps, tempDir, writeFiles } from './support.js';

const VALID_RULES = `groups:
  - name: mm-bot
    rules:
      - alert: EffectiveFeeJump
        expr: effective_fee_bps_now > 5
        for: 5m
        labels: { severity: S2 }
`;
const INVALID_RULES = `groups:
  - name: mm-bot
    rules:
      - alert: EffectiveFeeJump
        expr: effective_fee_bps_now >
`;
const DRILL = `#!/bin/sh
# A stand-in for tools/soak_failover: prints its measurements as JSON, after a log line.
echo "drill: killing leader at 3000ms" >&2
echo "starting drill"
echo "{\\"takeover_ms\\": $TAKEOVER, \\"dual_leadership\\": false, \\"duplicates\\": 0, \\"idempotency_hits\\": 4}"
`;

let work: ReturnType<typeof tempDir>;
const opts = () => ({ version: '1.4.0', service: 'mm-bot', cwd: work.dir });

beforeAll(() => {
  work = tempDir('preflight-run-');
  writeFiles(work.dir, {
    'monitoring/alerts/mm_bot.rules.yml': VALID_RULES,
    'monitoring/alerts/broken.rules.yml': INVALID_RULES,
    'monitoring/alerts/alertmanager.yml': 'route:\n  receiver: oncall\nreceivers:\n  - name: oncall\n',
    'tools/soak_failover': DRILL,
  });
  chmodSync(`${work.dir}/tools/soak_failover`, 0o755);
});
afterAll(() => work?.cleanup());

const drill = check({
  name: 'failover-drill',
  run: './tools/soak_failover --json',
  // The drill reads TAKEOVER from the job: commands get only what their env: names.
  env: ['TAKEOVER'],
  expect_json: {
    takeover_ms: { max: 1700 },
    dual_leadership: false,
    duplicates: 0,
    idempotency_hits: { min: 1 },
  },
});

describe('run checks with real commands', () => {
  it("promtool check rules passes a valid rules file and fails an invalid one with promtool's reason", async () => {
    const report = await runPreflight(
      [
        check({ name: 'alert-rules', run: 'promtool check rules monitoring/alerts/mm_bot.rules.yml' }),
        check({
          name: 'broken-rules',
          run: ['promtool', 'check', 'rules', 'monitoring/alerts/broken.rules.yml'],
        }),
      ],
      deps(work.dir),
      opts(),
    );
    const [ok, bad] = report.results;
    expect(ok!.status, ok!.message).toBe('pass');
    expect(ok!.output?.stdout).toContain('SUCCESS');
    expect(bad!.status).toBe('fail');
    expect(bad!.observed).toBe('exit 1');
    expect(bad!.message).toMatch(/exit 1, expected exit 0: .*(parse error|unexpected)/i);
    expect(bad!.output?.stderr).toMatch(/FAILED|parse error|unexpected/i);
    expect(report.summaryLine).toBe('1/2 FAIL');
  });

  it('amtool check-config passes a valid Alertmanager config', async () => {
    const report = await runPreflight(
      [check({ name: 'am', run: 'amtool check-config monitoring/alerts/alertmanager.yml' })],
      deps(work.dir),
      opts(),
    );
    expect(report.results[0]!.status, report.results[0]!.message).toBe('pass');
  });

  it('expect_json passes when the drill is within budget, after a log line on stdout', async () => {
    const report = await runPreflight(
      [drill],
      deps(work.dir, { env: { PATH: process.env.PATH, TAKEOVER: '1450' } }),
      opts(),
    );
    const r = report.results[0]!;
    expect(r.status, r.message).toBe('pass');
    expect(r.observed).toContain('takeover_ms = 1450');
  });

  it('expect_json fails naming the value and the bound when takeover is too slow', async () => {
    const report = await runPreflight(
      [drill],
      deps(work.dir, { env: { PATH: process.env.PATH, TAKEOVER: '2100' } }),
      opts(),
    );
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toContain('takeover_ms = 2100, expected takeover_ms <= 1700');
    expect(r.message).not.toContain('duplicates');
  });

  it('a missing executable is an error "command not found", or SIMULATED (never pass) when simulating', async () => {
    const missing = check({
      name: 'failover-drill',
      run: './tools/does_not_exist --json',
      expect_json: { takeover_ms: { max: 1700 } },
    });
    const error = await runPreflight([missing], deps(work.dir), opts());
    expect(error.results[0]!.status).toBe('error');
    expect(error.results[0]!.message).toContain('command not found: ./tools/does_not_exist');
    expect(error.summaryLine).toBe('0/1 FAIL');
    expect(error.ok).toBe(false);

    const simulated = await runPreflight([missing], deps(work.dir), {
      ...opts(),
      missingCommand: 'simulate',
    });
    const r = simulated.results[0]!;
    expect(r.status).toBe('simulated');
    expect(r.ok).toBe(false);
    expect(r.message).toContain('would run `./tools/does_not_exist --json`');
    expect(simulated.summaryLine).toBe('0/1 SIMULATED');
  });

  it('a missing program inside a shell script (exit 127) is reported as not found', async () => {
    const report = await runPreflight(
      [check({ name: 'x', run: 'true && no-such-tool-xyz --flag' })],
      deps(work.dir),
      opts(),
    );
    expect(report.results[0]!.status).toBe('error');
    expect(report.results[0]!.message).toContain('command not found');
  });

  it('masks secret env values and listed secrets in kept output, and renders {{version}}', async () => {
    const env = { PATH: process.env.PATH, DEPLOY_TOKEN: 'tok-abcdef-123456', RELEASE: 'x' };
    const report = await runPreflight(
      [
        check({
          name: 'leaky',
          env: ['DEPLOY_TOKEN'],
          run: 'echo "version {{version}} token $DEPLOY_TOKEN key s3cr3t-key"; echo "pw $DEPLOY_TOKEN" >&2; exit 3',
        }),
      ],
      deps(work.dir, { env }),
      { ...opts(), secrets: ['s3cr3t-key'] },
    );
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.output?.stdout).toContain('version 1.4.0 token *** key ***');
    expect(r.output?.stderr).toContain('pw ***');
    expect(JSON.stringify(r)).not.toContain('tok-abcdef-123456');
    expect(JSON.stringify(r)).not.toContain('s3cr3t-key');
  });

  it('kills a command that outlives its timeout, children included', async () => {
    const report = await runPreflight(
      [check({ name: 'hang', timeout: '300ms', run: 'sleep 30 & sleep 30; echo done' })],
      deps(work.dir),
      opts(),
    );
    const r = report.results[0]!;
    expect(r.status).toBe('fail');
    expect(r.message).toContain('did not finish within 300 ms and was killed');
    expect(r.duration_ms).toBeLessThan(5000);
  });

  it('keeps only the tail of long output', async () => {
    const report = await runPreflight([check({ name: 'chatty', run: 'seq 1 20000' })], deps(work.dir), {
      ...opts(),
      outputLimit: 200,
    });
    const out = report.results[0]!.output!.stdout!;
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out.trim().endsWith('20000')).toBe(true);
  });
});
