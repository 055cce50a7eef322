/**
 * Local stand-ins for the notification receivers, on 127.0.0.1, each answering in its service's documented shape
 * and refusing what the service would refuse:
 *  - PagerDuty Events API v2 (POST /v2/enqueue): 202 {status, message, dedup_key}; 400 {status: "invalid event",
 *    message, errors} for a malformed event; 429 on demand. Alerts with one dedup_key form one incident while it is
 *    open (a trigger on an open key adds to it), and a resolve closes it.
 *  - Microsoft Teams workflow webhook: 202 for a message whose attachment is an Adaptive Card (1.4 or later) with
 *    a body; 400 otherwise.
 *  - Grafana HTTP API (POST /api/annotations): 401 without the service-account token, 400 without a numeric time,
 *    200 {message: "Annotation added", id} otherwise.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Fake {
  url: string;
  /** Every request body received, raw, in order (for secret greps). */
  raw: string[];
  close(): Promise<void>;
}

async function listen(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ server: Server; url: string; raw: string[] }> {
  const raw: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      raw.push(body);
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, raw };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function parse(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------- PagerDuty

export interface PagerDutyEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key?: string;
  payload?: {
    summary: string;
    source: string;
    severity: string;
    timestamp?: string;
    component?: string;
    group?: string;
    class?: string;
    custom_details?: Record<string, unknown>;
  };
  client?: string;
  client_url?: string;
  links?: Array<{ href: string; text?: string }>;
}

export interface PagerDutyIncident {
  dedup_key: string;
  status: 'triggered' | 'resolved';
  alerts: number;
}

export interface PagerDutyFake extends Fake {
  /** Accepted events, in order. */
  events: PagerDutyEvent[];
  incidents: PagerDutyIncident[];
  /** Answer the next n requests with 429 (Retry-After: 0). */
  throttle(n: number): void;
}

const SEVERITIES = ['critical', 'error', 'warning', 'info'];

/** The checks Events API v2 makes; an empty list is a valid event. */
export function pagerDutyErrors(event: Record<string, unknown>, routingKey: string): string[] {
  const errors: string[] = [];
  if (typeof event.routing_key !== 'string' || event.routing_key === '')
    errors.push("'routing_key' is missing.");
  else if (event.routing_key !== routingKey) errors.push("'routing_key' is invalid.");
  if (!['trigger', 'acknowledge', 'resolve'].includes(event.event_action as string))
    errors.push("'event_action' is invalid (must be one of trigger, acknowledge, resolve).");
  if (event.dedup_key !== undefined && (typeof event.dedup_key !== 'string' || event.dedup_key.length > 255))
    errors.push("'dedup_key' must be a string of at most 255 characters.");
  if (event.event_action !== 'trigger' && typeof event.dedup_key !== 'string')
    errors.push("'dedup_key' is required for acknowledge and resolve.");
  if (event.event_action === 'trigger') {
    const p = event.payload as Record<string, unknown> | undefined;
    if (!p || typeof p !== 'object') errors.push("'payload' is missing.");
    else {
      if (typeof p.summary !== 'string' || p.summary === '' || p.summary.length > 1024)
        errors.push("'payload.summary' is missing or longer than 1024 characters.");
      if (typeof p.source !== 'string' || p.source === '') errors.push("'payload.source' is missing.");
      if (!SEVERITIES.includes(p.severity as string)) errors.push("'payload.severity' is invalid.");
      if (p.timestamp !== undefined && !Number.isFinite(Date.parse(p.timestamp as string)))
        errors.push("'payload.timestamp' is not an ISO 8601 timestamp.");
      if (
        p.custom_details !== undefined &&
        (typeof p.custom_details !== 'object' || p.custom_details === null)
      )
        errors.push("'payload.custom_details' must be an object.");
    }
  }
  return errors;
}

export async function startPagerDutyFake(routingKey: string): Promise<PagerDutyFake> {
  const events: PagerDutyEvent[] = [];
  const incidents: PagerDutyIncident[] = [];
  let throttled = 0;
  const { server, url, raw } = await listen((req, body, res) => {
    if (req.method !== 'POST' || req.url !== '/v2/enqueue') return json(res, 404, { status: 'not found' });
    if (throttled > 0) {
      throttled--;
      return json(
        res,
        429,
        { status: 'throttle event', message: 'Requests for this service are arriving too quickly.' },
        { 'retry-after': '0' },
      );
    }
    const event = parse(body);
    const errors = event ? pagerDutyErrors(event, routingKey) : ['Event object is not JSON.'];
    if (!event || errors.length)
      return json(res, 400, { status: 'invalid event', message: 'Event object is invalid', errors });
    const e = event as unknown as PagerDutyEvent;
    const dedup = e.dedup_key ?? `generated-${events.length + 1}`;
    events.push(e);
    const open = incidents.find((i) => i.dedup_key === dedup && i.status === 'triggered');
    if (e.event_action === 'trigger') {
      if (open) open.alerts++;
      else incidents.push({ dedup_key: dedup, status: 'triggered', alerts: 1 });
    } else if (e.event_action === 'resolve' && open) open.status = 'resolved';
    json(res, 202, { status: 'success', message: 'Event processed', dedup_key: dedup });
  });
  return {
    url: `${url}/v2/enqueue`,
    raw,
    events,
    incidents,
    throttle: (n) => (throttled = n),
    close: () => close(server),
  };
}

// -------------------------------------------------------------------------------------------------- Teams

export interface TeamsFake extends Fake {
  /** The path part of the webhook URL: the secret a Teams URL carries. */
  secretPath: string;
  /** Accepted messages, parsed. */
  cards: Array<Record<string, unknown>>;
}

/** What Teams requires of an Adaptive Card message; an empty list is a valid one. */
export function teamsCardErrors(message: Record<string, unknown>): string[] {
  const errors: string[] = [];
  if (message.type !== 'message') errors.push('type must be "message"');
  const attachments = message.attachments as Array<Record<string, unknown>> | undefined;
  if (!Array.isArray(attachments) || attachments.length === 0) return [...errors, 'attachments missing'];
  for (const a of attachments) {
    if (a.contentType !== 'application/vnd.microsoft.card.adaptive')
      errors.push('contentType is not an Adaptive Card');
    const card = a.content as Record<string, unknown> | undefined;
    if (!card || card.type !== 'AdaptiveCard') {
      errors.push('content.type must be AdaptiveCard');
      continue;
    }
    const [major, minor] = String(card.version ?? '')
      .split('.')
      .map(Number);
    if (!(major! > 1 || (major === 1 && minor! >= 4)))
      errors.push(`card version ${String(card.version)} < 1.4`);
    const body = card.body as Array<Record<string, unknown>> | undefined;
    if (!Array.isArray(body) || body.length === 0) errors.push('card body is empty');
    else if (body.some((el) => typeof el.type !== 'string')) errors.push('a body element has no type');
  }
  return errors;
}

export async function startTeamsFake(): Promise<TeamsFake> {
  const secretPath = '/workflows/FAKE-teams-sig-5b1e9c7a2d/triggers/manual/paths/invoke';
  const cards: Array<Record<string, unknown>> = [];
  const { server, url, raw } = await listen((req, body, res) => {
    if (req.url !== secretPath) return json(res, 404, { error: { code: 'WorkflowNotFound' } });
    const message = parse(body);
    const errors = message ? teamsCardErrors(message) : ['not JSON'];
    if (!message || errors.length)
      return json(res, 400, { error: { code: 'InvalidRequestContent', message: errors.join('; ') } });
    cards.push(message);
    res.writeHead(202).end();
  });
  return { url: `${url}${secretPath}`, secretPath, raw, cards, close: () => close(server) };
}

// ------------------------------------------------------------------------------------------------ Grafana

export interface GrafanaAnnotationRecord {
  id: number;
  dashboardUID?: string;
  panelId?: number;
  time: number;
  timeEnd: number;
  tags: string[];
  text: string;
}

export interface GrafanaFake extends Fake {
  annotations: GrafanaAnnotationRecord[];
  /** Answer the next n requests with 500. */
  fail(n: number): void;
}

export async function startGrafanaFake(token: string): Promise<GrafanaFake> {
  const annotations: GrafanaAnnotationRecord[] = [];
  let failing = 0;
  const { server, url, raw } = await listen((req, body, res) => {
    if (req.method !== 'POST' || req.url !== '/api/annotations')
      return json(res, 404, { message: 'Not found' });
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { message: 'Unauthorized' });
    if (failing > 0) {
      failing--;
      return json(res, 500, { message: 'Failed to save annotation' });
    }
    const a = parse(body);
    if (!a || typeof a.time !== 'number' || (a.timeEnd !== undefined && typeof a.timeEnd !== 'number'))
      return json(res, 400, { message: 'bad request data' });
    if (a.tags !== undefined && (!Array.isArray(a.tags) || a.tags.some((t) => typeof t !== 'string')))
      return json(res, 400, { message: 'bad request data' });
    if (typeof a.text !== 'string' || a.text === '')
      return json(res, 400, { message: 'Failed to save annotation: text is required' });
    const record = { id: annotations.length + 1, ...(a as Omit<GrafanaAnnotationRecord, 'id'>) };
    annotations.push(record);
    json(res, 200, { message: 'Annotation added', id: record.id });
  });
  return { url, raw, annotations, fail: (n) => (failing = n), close: () => close(server) };
}
