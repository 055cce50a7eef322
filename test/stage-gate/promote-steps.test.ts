import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan } from '../../src/config/index.js';
import { createAlertmanagerClient } from '../../src/alertmanager/index.js';
import { runPromoteSteps } from '../../src/stage-gate/promote-steps.js';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager.js';

let am: TestAlertmanager;
beforeAll(async () => {
  am = await startAlertmanager();
});
afterAll(async () => {
  await am?.stop();
});

function planWithPromote(url: string, run: string[]) {
  const text = readFileSync('test/fixtures/reference-plan.yml', 'utf8').replace(
    /^rollback:/m,
    `promote:\n  silence: { alertmanager: "${url}", matchers: { alertname: CanaryGate }, duration: 10m, comment: "promote {{version}}" }\n  run: ${JSON.stringify(run)}\n\nrollback:`,
  );
  return parsePlan(text);
}

describe('promotion steps (silence CanaryGate for 10m, then the promote commands)', () => {
  it('silences once against a real Alertmanager, even when run twice, then runs the commands in order', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'promote-'));
    const plan = planWithPromote(am.url, ['echo first >> order.txt', 'echo second >> order.txt']);
    const now = new Date();
    const first = await runPromoteSteps(plan, '1.4.0', { cwd, now, dryRun: false, log: () => {} });
    expect(first[0]!.detail).toMatch(/^created silence \S+ \{alertname="CanaryGate"\}/);
    const again = await runPromoteSteps(plan, '1.4.0', { cwd, now, dryRun: false, log: () => {} });
    expect(again[0]!.detail).toMatch(/^(unchanged|extended) silence/);
    const active = (
      await createAlertmanagerClient({ url: am.url }).listSilences({ alertname: 'CanaryGate' })
    ).filter((s) => s.status.state === 'active');
    expect(active).toHaveLength(1);
    expect(active[0]!.comment).toContain('promote 1.4.0');
    expect(readFileSync(join(cwd, 'order.txt'), 'utf8')).toBe('first\nsecond\nfirst\nsecond\n');
  });

  it('a failing promote command stops the promotion and says GA was not recorded; dry-run does nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'promote-'));
    const plan = planWithPromote(am.url, ['exit 3', 'touch never.txt']);
    await expect(
      runPromoteSteps(plan, '1.4.1', { cwd, now: new Date(), dryRun: false, log: () => {} }),
    ).rejects.toThrow(/promote\.run\[0\]: `exit 3` exited 3: .*\(GA was not recorded\)/);
    expect(existsSync(join(cwd, 'never.txt'))).toBe(false);
    writeFileSync(join(cwd, 'marker'), '');
    const dry = await runPromoteSteps(plan, '1.4.2', { cwd, now: new Date(), dryRun: true, log: () => {} });
    expect(dry.map((s) => s.detail)).toEqual([
      expect.stringMatching(/^would silence/),
      'would run `exit 3`',
      'would run `touch never.txt`',
    ]);
    const silences = await createAlertmanagerClient({ url: am.url }).listSilences({
      alertname: 'CanaryGate',
    });
    expect(silences.filter((s) => s.comment.includes('1.4.2'))).toHaveLength(0);
  });
});
