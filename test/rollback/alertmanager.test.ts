/** Release silences against a real Alertmanager (v2 API). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertmanagerClient } from '../../src/alertmanager/client.js';
import {
  ensureReleaseSilence,
  expireReleaseSilences,
  silenceMarker,
} from '../../src/alertmanager/silence.js';
import { startAlertmanager, type TestAlertmanager } from '../support/alertmanager.js';

describe('Alertmanager release silences (real Alertmanager)', () => {
  let am: TestAlertmanager;
  beforeAll(async () => {
    am = await startAlertmanager();
  });
  afterAll(async () => {
    await am.stop();
  });

  const active = async (alertname: string) =>
    (await am.silences()).filter(
      (s) => s.status.state === 'active' && JSON.stringify(s.matchers).includes(`"value":"${alertname}"`),
    );

  it('creates one silence naming the release, and extends it on re-run instead of adding a second', async () => {
    const client = createAlertmanagerClient({ url: am.url });
    const now = new Date();
    const first = await ensureReleaseSilence(client, {
      matchers: { alertname: 'EffectiveFeeJump', service: 'mm-bot' },
      durationSeconds: 900,
      release: 'mm-bot v2.1.0',
      purpose: 'rollback',
      comment: 'rollback at canary: fee jump',
      now,
    });
    expect(first.action).toBe('created');
    let list = await active('EffectiveFeeJump');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: first.id, createdBy: 'canary-conductor' });
    expect(list[0]!.comment).toContain(silenceMarker('mm-bot v2.1.0', 'rollback'));
    expect(Date.parse(list[0]!.endsAt) - now.getTime()).toBe(900_000);

    const later = new Date(now.getTime() + 60_000);
    const second = await ensureReleaseSilence(client, {
      matchers: { service: 'mm-bot', alertname: 'EffectiveFeeJump' },
      durationSeconds: 900,
      release: 'mm-bot v2.1.0',
      purpose: 'rollback',
      now: later,
    });
    expect(second).toMatchObject({ id: first.id, action: 'extended' });
    list = await active('EffectiveFeeJump');
    expect(list).toHaveLength(1);
    expect(Date.parse(list[0]!.endsAt)).toBe(later.getTime() + 900_000);

    const same = await ensureReleaseSilence(client, {
      matchers: { alertname: 'EffectiveFeeJump', service: 'mm-bot' },
      durationSeconds: 60,
      release: 'mm-bot v2.1.0',
      purpose: 'rollback',
      now: later,
    });
    expect(same).toMatchObject({ id: first.id, action: 'unchanged' });
    expect(await active('EffectiveFeeJump')).toHaveLength(1);
  });

  it('keeps promote and rollback silences, and other releases, apart; expires only the ones asked for', async () => {
    const client = createAlertmanagerClient({ url: am.url });
    const now = new Date();
    const promote = await ensureReleaseSilence(client, {
      matchers: { alertname: 'CanaryGate' },
      durationSeconds: 600,
      release: 'mm-bot v2.1.0',
      purpose: 'promote',
      now,
    });
    const otherRelease = await ensureReleaseSilence(client, {
      matchers: { alertname: 'CanaryGate' },
      durationSeconds: 600,
      release: 'mm-bot v2.2.0',
      purpose: 'promote',
      now,
    });
    expect(promote.id).not.toBe(otherRelease.id);
    expect(await active('CanaryGate')).toHaveLength(2);
    expect(
      await expireReleaseSilences(client, {
        matchers: { alertname: 'CanaryGate' },
        release: 'mm-bot v2.1.0',
        purpose: 'promote',
      }),
    ).toEqual([promote.id]);
    const left = await active('CanaryGate');
    expect(left.map((s) => s.id)).toEqual([otherRelease.id]);
    const expired = (await am.silences()).find((s) => s.id === promote.id)!;
    expect(expired.status.state).toBe('expired');
  });

  it('refuses a silence without matchers and names the Alertmanager when it cannot be reached', async () => {
    const client = createAlertmanagerClient({ url: am.url });
    await expect(
      ensureReleaseSilence(client, {
        matchers: {},
        durationSeconds: 60,
        release: 'x v1',
        purpose: 'rollback',
        now: new Date(),
      }),
    ).rejects.toThrow(/at least one matcher/);
    const down = createAlertmanagerClient({ url: 'http://127.0.0.1:1', timeoutMs: 2_000 });
    await expect(down.listSilences({ alertname: 'X' })).rejects.toThrow(
      /alertmanager http:\/\/127.0.0.1:1: GET \/api\/v2\/silences failed/,
    );
  });
});
