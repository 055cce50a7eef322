/**
 * Each notification channel against its local fake on 127.0.0.1: the payload a real receiver requires (PagerDuty
 * Events API v2, a Teams Adaptive Card, a Grafana region annotation, a templated webhook body), the dedup key that
 * keeps one incident per release, bounded retries on 429/5xx, and failures reported as results, never thrown, with
 * no URL, key or token in any result or log line.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, parsePlan, validatePlanText, type ReleasePlan } from '../../src/config/index.js';
import {
  notify,
  pagerDutyDedupKey,
  promoteMessage,
  rollbackMessage,
  stageDecisionMessage,
  warroomMessage,
  type NotifyMessage,
} from '../../src/notify/index.js';
import type { StageResult } from '../../src/gate/types.js';
import {
  pagerDutyErrors,
  startGrafanaFake,
  startPagerDutyFake,
  startTeamsFake,
  teamsCardErrors,
  type GrafanaFake,
  type PagerDutyFake,
  type TeamsFake,
} from './fakes.js';

const ROUTING_KEY = 'R0FAKEpagerdutyroutingkey9c8b7a6';
const GRAFANA_TOKEN = 'glsa_FAKEgrafanatoken_4e5f6a7b';
const HOOK_HEADER = 'hdr-FAKE-webhook-key-1a2b3c';
const reference = readFileSync('test/fixtures/reference-plan.yml', 'utf8');

function planWith(notifyBlock: unknown): ReleasePlan {
  const raw = parse(reference) as Record<string, unknown>;
  raw.notify = notifyBlock;
  return parsePlan(stringify(raw));
}

function stageResult(decision: StageResult['decision'], reason: string): StageResult {
  return {
    decision,
    decided_at: '2026-11-27T10:04:00.000Z',
    reason,
    stage: { name: 'quarter', index: 2, traffic: 25, duration_s: 900, interval_s: 120 },
    source: 'prometheus http://127.0.0.1:9090',
    mode: 'live',
    samples: [],
    guardrails: [
      {
        name: 'api_p95',
        metric: 'p95_latency_ms',
        against: null,
        status: decision === 'ROLLBACK' ? 'hard' : 'pass',
        reason: decision === 'ROLLBACK' ? 'canary 612 ms > hard 400 ms' : 'canary 142 ms < 200 ms',
        values: { canary: 612 } as never,
        thresholds: ['pass < 200 ms', 'hard > 400 ms'],
        query: { canary: 'histogram_quantile(...)' },
        counts: {},
      },
      {
        name: 'error_rate',
        metric: 'error_rate_pct',
        against: null,
        status: 'pass',
        reason: 'canary 0.2 % < 1 %',
        values: { canary: 0.2 } as never,
        thresholds: ['pass < 1 %'],
        query: { canary: 'sum(rate(...))' },
        counts: {},
      },
    ],
    holds: 0,
    started_at: '2026-11-27T09:49:00.000Z',
    ended_at: '2026-11-27T10:04:00.000Z',
    triggered_by: decision === 'ROLLBACK' ? ['api_p95'] : [],
  };
}

let pd: PagerDutyFake;
let teams: TeamsFake;
let grafana: GrafanaFake;
let hook: Server;
let hookUrl: string;
const hookPosts: Array<{ body: string; type?: string; key?: string }> = [];

beforeAll(async () => {
  [pd, teams, grafana] = await Promise.all([
    startPagerDutyFake(ROUTING_KEY),
    startTeamsFake(),
    startGrafanaFake(GRAFANA_TOKEN),
  ]);
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hookPosts.push({ body, type: req.headers['content-type'], key: req.headers['x-api-key'] as string });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hooks/FAKE-generic-hook-77aa`;
});
afterAll(async () => {
  hook.closeAllConnections();
  await new Promise((r) => hook.close(r));
  await Promise.all([pd.close(), teams.close(), grafana.close()]);
});

const env = () => ({
  PD_ROUTING_KEY: ROUTING_KEY,
  TEAMS_URL: teams.url,
  GRAFANA_TOKEN,
  GENERIC_HOOK: hookUrl,
  GENERIC_HOOK_KEY: HOOK_HEADER,
});
const secrets = () => [ROUTING_KEY, teams.url, teams.secretPath, GRAFANA_TOKEN, hookUrl, HOOK_HEADER];
const fastSleep = () => Promise.resolve();

function rollbackOf(plan: ReleasePlan, version: string): NotifyMessage {
  return rollbackMessage({
    plan,
    version,
    stage: 'quarter',
    reason: 'Stage 3 quarter: HARD api_p95 canary 612 ms > 400 ms',
    text: `:rotating_light: Rollback spark-trading-api v${version} at stage quarter`,
    at: new Date('2026-11-27T10:05:00Z'),
    triggeredBy: 'stage-gate (stage 3)',
    runUrl: 'https://github.com/acme/spark/actions/runs/7002',
    incidentUrl: 'https://github.com/acme/spark/issues/9',
    metricsSnapshot: { p95_latency_ms: 612 },
    steps: [
      { name: 'traffic', status: 'ok' },
      { name: 'incident', status: 'ok' },
    ],
  });
}

describe('PagerDuty Events API v2', () => {
  const settings = { pagerduty: { routing_key_env: 'PD_ROUTING_KEY', url: 'http://placeholder' } };

  it('a rollback triggers one incident per release: valid v2 event, decision as custom_details; a re-run dedups; promote resolves', async () => {
    const plan = planWith({ ...settings, pagerduty: { ...settings.pagerduty, url: pd.url } });
    const logs: string[] = [];
    const deps = { env: env(), log: (l: string) => logs.push(l), sleep: fastSleep };
    const first = await notify(plan.notify, rollbackOf(plan, '2.0.0'), deps);
    const dedup = pagerDutyDedupKey('spark-trading-api', '2.0.0');
    expect(first).toEqual([
      { channel: 'pagerduty', target: 'pagerduty', ok: true, detail: `HTTP 202 trigger dedup_key ${dedup}` },
    ]);
    const event = pd.events.at(-1)!;
    expect(pagerDutyErrors(event as never, ROUTING_KEY)).toEqual([]);
    expect(event).toMatchObject({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: dedup,
      client: 'canary-conductor',
      client_url: 'https://github.com/acme/spark/actions/runs/7002',
      payload: {
        summary:
          'Canary rollback: spark-trading-api v2.0.0 at stage quarter: Stage 3 quarter: HARD api_p95 canary 612 ms > 400 ms',
        source: 'spark-trading-api',
        severity: 'critical',
        timestamp: '2026-11-27T10:05:00.000Z',
        component: 'quarter',
        class: 'canary-rollback',
        custom_details: {
          release: 'spark-trading-api v2.0.0',
          stage: 'quarter',
          decision: 'ROLLBACK',
          reason: 'Stage 3 quarter: HARD api_p95 canary 612 ms > 400 ms',
          triggered_by: 'stage-gate (stage 3)',
          run_url: 'https://github.com/acme/spark/actions/runs/7002',
          incident_url: 'https://github.com/acme/spark/issues/9',
          metrics_snapshot: { p95_latency_ms: 612 },
          rollback_steps: { traffic: 'ok', incident: 'ok' },
        },
      },
    });
    // The rollback job re-run: the same key, so PagerDuty adds an alert to the open incident.
    await notify(plan.notify, rollbackOf(plan, '2.0.0'), deps);
    expect(pd.events.filter((e) => e.dedup_key === dedup).map((e) => e.event_action)).toEqual([
      'trigger',
      'trigger',
    ]);
    expect(pd.incidents.filter((i) => i.dedup_key === dedup)).toEqual([
      { dedup_key: dedup, status: 'triggered', alerts: 2 },
    ]);
    // A later promote of the release resolves it; war-room lines and stage decisions never page.
    const resolved = await notify(
      plan.notify,
      promoteMessage(plan, '2.0.0', '5/5 stages proceeded', new Date()),
      deps,
    );
    expect(resolved[0]).toMatchObject({ ok: true, detail: `HTTP 202 resolve dedup_key ${dedup}` });
    expect(pd.events.at(-1)).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: dedup });
    expect(pd.incidents.find((i) => i.dedup_key === dedup)!.status).toBe('resolved');
    const facts = { plan, version: '2.0.0', stage: { name: 'quarter', number: 3, traffic: '25%' } };
    expect(
      await notify(plan.notify, warroomMessage(facts, ':15 | ...', new Date().toISOString()), deps),
    ).toEqual([]);
    expect(
      await notify(plan.notify, stageDecisionMessage(facts, stageResult('ROLLBACK', 'x'), 'x'), deps),
    ).toEqual([]);
    expect(pd.events.filter((e) => e.dedup_key === dedup)).toHaveLength(3);
    expect(logs).toEqual([]);
  });

  it('429 is retried (bounded) and succeeds; 400 is not retried and names the errors; an unset key is skipped', async () => {
    const plan = planWith({
      pagerduty: { routing_key_env: 'PD_ROUTING_KEY', url: pd.url, severity: 'error' },
    });
    const logs: string[] = [];
    const deps = { env: env(), log: (l: string) => logs.push(l), sleep: fastSleep };
    pd.throttle(2);
    const before = pd.raw.length;
    const retried = await notify(plan.notify, rollbackOf(plan, '2.0.1'), deps);
    expect(retried[0]).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/^HTTP 202 trigger .* after 3 attempts$/),
    });
    expect(pd.raw.length - before).toBe(3);
    expect(pd.events.at(-1)!.payload!.severity).toBe('error');

    pd.throttle(5);
    const gaveUp = await notify(plan.notify, rollbackOf(plan, '2.0.2'), deps);
    expect(gaveUp[0]).toMatchObject({ ok: false, detail: 'HTTP 429 after 3 attempt(s)' });
    pd.throttle(0);

    const wrongKey = await notify(plan.notify, rollbackOf(plan, '2.0.3'), {
      ...deps,
      env: { PD_ROUTING_KEY: 'R0FAKEsomeotherkey000000000000000' },
    });
    expect(wrongKey[0]).toEqual({
      channel: 'pagerduty',
      target: 'pagerduty',
      ok: false,
      detail: "HTTP 400 invalid event: Event object is invalid ('routing_key' is invalid.)",
    });
    const unset = await notify(plan.notify, rollbackOf(plan, '2.0.4'), { ...deps, env: {} });
    expect(unset[0]!.detail).toBe(
      'skipped: environment variable PD_ROUTING_KEY is not set (notify.pagerduty.routing_key_env)',
    );
    const text = JSON.stringify([retried, gaveUp, wrongKey, unset]) + logs.join('\n');
    for (const s of secrets()) expect(text).not.toContain(s);
    expect(logs.length).toBe(3);
  });
});

describe('Microsoft Teams', () => {
  it('posts an Adaptive Card 1.4 with the verdict, stage and facts; war-room lines only when asked for', async () => {
    const plan = planWith({ teams: [{ name: 'release-room', url_env: 'TEAMS_URL' }] });
    const facts = {
      plan,
      version: '2.1.0',
      stage: { name: 'quarter', number: 3, traffic: '25%' },
      runUrl: 'https://github.com/acme/spark/actions/runs/8001',
    };
    const deps = { env: env(), sleep: fastSleep };
    const result = stageResult('ROLLBACK', 'Stage 3 quarter: HARD api_p95');
    const sent = await notify(
      plan.notify,
      stageDecisionMessage(facts, result, 'spark-trading-api v2.1.0 Stage 3 quarter (25%): ROLLBACK'),
      deps,
    );
    expect(sent).toEqual([{ channel: 'teams', target: 'release-room', ok: true, detail: 'HTTP 202' }]);
    const card = teams.cards.at(-1)!;
    expect(teamsCardErrors(card)).toEqual([]);
    const content = (card.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content;
    expect(content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    const body = content.body as Array<Record<string, unknown>>;
    expect(body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'ROLLBACK: spark-trading-api v2.1.0 at Stage 3 quarter (25%)',
      color: 'Attention',
    });
    expect(body.find((b) => b.type === 'FactSet')!.facts as unknown[]).toEqual(
      expect.arrayContaining([
        { title: 'Stage', value: 'Stage 3 quarter (25%)' },
        { title: 'Decision', value: 'ROLLBACK' },
        { title: 'Breaches', value: 'api_p95 HARD' },
      ]),
    );
    expect(content.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Workflow run',
        url: 'https://github.com/acme/spark/actions/runs/8001',
      },
    ]);
    const cards = teams.cards.length;
    expect(
      await notify(plan.notify, warroomMessage(facts, ':15 | Stage 3', result.decided_at), deps),
    ).toEqual([]);
    expect(teams.cards.length).toBe(cards);
    const optIn = planWith({ teams: [{ url_env: 'TEAMS_URL', events: ['warroom'] }] });
    expect(
      await notify(optIn.notify, warroomMessage(facts, ':15 | Stage 3', result.decided_at), deps),
    ).toMatchObject([{ ok: true }]);
    expect(teams.cards.length).toBe(cards + 1);
  });
});

describe('Grafana annotations', () => {
  it('one region annotation per stage decision: start to decision, tags canary / release / decision', async () => {
    const plan = planWith({
      grafana: {
        url: `${grafana.url}/`,
        token_env: 'GRAFANA_TOKEN',
        dashboard_uid: 'canary-board',
        panel_id: 4,
      },
    });
    const facts = { plan, version: '2.2.0', stage: { name: 'quarter', number: 3, traffic: '25%' } };
    const deps = { env: env(), sleep: fastSleep };
    const sent = await notify(
      plan.notify,
      stageDecisionMessage(facts, stageResult('PROCEED', 'all pass'), 'Stage 3: PROCEED'),
      deps,
    );
    expect(sent).toEqual([
      {
        channel: 'grafana',
        target: 'grafana',
        ok: true,
        detail: `HTTP 200 region annotation ${grafana.annotations.length} (canary, spark-trading-api v2.2.0, PROCEED)`,
      },
    ]);
    expect(grafana.annotations.at(-1)).toEqual({
      id: grafana.annotations.length,
      dashboardUID: 'canary-board',
      panelId: 4,
      time: Date.parse('2026-11-27T09:49:00.000Z'),
      timeEnd: Date.parse('2026-11-27T10:04:00.000Z'),
      tags: ['canary', 'spark-trading-api v2.2.0', 'PROCEED'],
      text: 'Stage 3: PROCEED',
    });
    // Only stage decisions are regions: a rollback, a promote or a war-room line adds none.
    const count = grafana.annotations.length;
    await notify(plan.notify, rollbackOf(plan, '2.2.0'), deps);
    await notify(plan.notify, warroomMessage(facts, ':15', '2026-11-27T10:00:00Z'), deps);
    expect(grafana.annotations.length).toBe(count);
  });

  it('a failing Grafana is retried once, then recorded and logged, never thrown; a wrong token is a 401', async () => {
    const plan = planWith({ grafana: { url: grafana.url, token_env: 'GRAFANA_TOKEN' } });
    const facts = { plan, version: '2.2.1', stage: { name: 'quarter', number: 3, traffic: '25%' } };
    const logs: string[] = [];
    const deps = { env: env(), log: (l: string) => logs.push(l), sleep: fastSleep };
    const message = stageDecisionMessage(facts, stageResult('ROLLBACK', 'hard'), 'Stage 3: ROLLBACK');
    grafana.fail(1);
    expect((await notify(plan.notify, message, deps))[0]).toMatchObject({ ok: true });
    grafana.fail(2);
    expect((await notify(plan.notify, message, deps))[0]).toMatchObject({
      ok: false,
      detail: 'HTTP 500 after 2 attempt(s)',
    });
    const unauthorized = await notify(plan.notify, message, {
      ...deps,
      env: { GRAFANA_TOKEN: 'glsa_wrongtoken_000' },
    });
    expect(unauthorized[0]).toMatchObject({ ok: false, detail: 'HTTP 401 after 1 attempt(s)' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = planWith({ grafana: { url: `http://127.0.0.1:${closedPort}`, token_env: 'GRAFANA_TOKEN' } });
    const refused = await notify(down.notify, message, deps);
    expect(refused[0]).toMatchObject({ ok: false, detail: 'failed: ECONNREFUSED after 2 attempt(s)' });
    expect(logs).toHaveLength(3);
    for (const s of secrets()) expect(logs.join('\n')).not.toContain(s);
  });
});

describe('templated webhooks', () => {
  it('renders the mustache body with the event fields, escaped for JSON, with headers from env', async () => {
    const plan = planWith({
      webhooks: [
        {
          name: 'ops-bus',
          url_env: 'GENERIC_HOOK',
          events: ['decision'],
          template:
            '{"release": "{{release}}", "stage": "{{stage}}", "decision": "{{decision}}", "reason": "{{reason}}", "breaches": [{{#breaches}}"{{guardrail}}:{{status}}",{{/breaches}}"end"], "run": "{{run_url}}"}',
          headers_env: { 'X-Api-Key': 'GENERIC_HOOK_KEY' },
        },
        {
          name: 'pager-text',
          url_env: 'GENERIC_HOOK',
          events: ['decision'],
          content_type: 'text/plain',
          template: '{{release}} {{decision}} <{{reason}}>',
        },
      ],
    });
    const facts = {
      plan,
      version: '2.3.0',
      stage: { name: 'quarter', number: 3, traffic: '25%' },
      runUrl: 'https://x/runs/1',
    };
    const reason = 'api_p95 "hard" breach\nat 612 ms & rising \\ fast';
    const before = hookPosts.length;
    const sent = await notify(
      plan.notify,
      stageDecisionMessage(facts, stageResult('ROLLBACK', reason), 'x'),
      { env: env() },
    );
    expect(sent.map((r) => [r.target, r.ok, r.detail])).toEqual([
      ['ops-bus', true, 'HTTP 200'],
      ['pager-text', true, 'HTTP 200'],
    ]);
    const [json, text] = hookPosts.slice(before);
    expect(json!.type).toBe('application/json');
    expect(json!.key).toBe(HOOK_HEADER);
    expect(JSON.parse(json!.body)).toEqual({
      release: 'spark-trading-api v2.3.0',
      stage: 'quarter',
      decision: 'ROLLBACK',
      reason,
      breaches: ['api_p95:HARD', 'end'],
      run: 'https://x/runs/1',
    });
    expect(text).toMatchObject({ type: 'text/plain', body: `spark-trading-api v2.3.0 ROLLBACK <${reason}>` });
  });

  it('a template that renders invalid JSON is not sent and names its field; Slack {"text"} stays the default', async () => {
    const plan = planWith({
      webhooks: [
        { name: 'broken', url_env: 'GENERIC_HOOK', template: '{"text": {{text}}}' },
        { name: 'slack', url_env: 'GENERIC_HOOK' },
      ],
    });
    const logs: string[] = [];
    const before = hookPosts.length;
    const facts = { plan, version: '2.3.1', stage: { name: 'pilot', number: 1, traffic: '1%' } };
    const sent = await notify(plan.notify, warroomMessage(facts, ':15 | Stage 1 (1%) | 4/4 PASS', 'now'), {
      env: env(),
      log: (l) => logs.push(l),
    });
    expect(sent[0]).toMatchObject({ target: 'broken', ok: false });
    expect(sent[0]!.detail).toMatch(
      /^not sent: notify\.webhooks\[0\]\.template: the rendered body is not JSON/,
    );
    expect(sent[1]).toMatchObject({ target: 'slack', ok: true });
    expect(hookPosts.slice(before)).toEqual([
      { body: '{"text":":15 | Stage 1 (1%) | 4/4 PASS"}', type: 'application/json', key: undefined },
    ]);
    expect(logs).toHaveLength(1);
  });

  it('a secret that reached an event field is masked before any channel sees it', async () => {
    const plan = planWith({ webhooks: [{ url_env: 'GENERIC_HOOK', template: '{"reason": "{{reason}}"}' }] });
    const before = hookPosts.length;
    const facts = { plan, version: '2.3.2', stage: { name: 'pilot', number: 1, traffic: '1%' } };
    await notify(
      plan.notify,
      stageDecisionMessage(facts, stageResult('HOLD', `curl ${hookUrl} failed`), 'x'),
      {
        env: env(),
      },
    );
    expect(JSON.parse(hookPosts.slice(before)[0]!.body)).toEqual({ reason: 'curl *** failed' });
  });
});

describe('notify plan keys', () => {
  const problems = (notifyBlock: unknown): string[] => {
    const raw = parse(reference) as Record<string, unknown>;
    raw.notify = notifyBlock;
    const r = validatePlanText(stringify(raw));
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it('refuses a template that does not parse, a panel without its dashboard, a URL in place of an env name', () => {
    expect(
      problems({ webhooks: [{ url_env: 'HOOK', template: '{{#open}} never closed' }] }).join('\n'),
    ).toMatch(
      /notify\.webhooks\[0\]\.template \(line \d+:\d+\): .* is not valid \(not a valid mustache template \(Unclosed section "open"/,
    );
    expect(problems({ grafana: { url: 'http://g:3000', token_env: 'T', panel_id: 3 } }).join('\n')).toMatch(
      /notify\.grafana\.panel_id \(line \d+:\d+\): a mapping is not valid \(panel_id needs dashboard_uid\)/,
    );
    expect(problems({ teams: [{ url_env: 'https://x.webhook.office.com/abc' }] }).join('\n')).toMatch(
      /notify\.teams\[0\]\.url_env \(line \d+:\d+\): .*the name of an environment variable/,
    );
    expect(problems({ pagerduty: { routing_key_env: 'PD', severity: 'sev1' } }).join('\n')).toMatch(
      /notify\.pagerduty\.severity/,
    );
    expect(
      problems({
        webhooks: [{ url_env: 'HOOK' }],
        teams: [{ url_env: 'TEAMS' }],
        pagerduty: { routing_key_env: 'PD' },
        grafana: { url: 'http://g:3000', token_env: 'T', dashboard_uid: 'b', panel_id: 3 },
      }),
    ).toEqual([]);
    expect(planWith({ pagerduty: { routing_key_env: 'PD' } }).notify!.pagerduty).toEqual({
      routing_key_env: 'PD',
      url: 'https://events.pagerduty.com/v2/enqueue',
      severity: 'critical',
      events: ['rollback', 'promote'],
    });
  });
});
