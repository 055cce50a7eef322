/**
 * Short names and units for metrics, as a war room writes them (`p95=142ms 5xx=0.2% accept=+3% mem=41%`).
 *
 * Short name: `metrics.queries.<m>.label` when given; otherwise derived from the key:
 *   1. unit suffixes are dropped (ms, pct, percent, seconds, s, ratio, bps, total, count);
 *   2. a percentile word (p50, p95, p99, p999) wins: p95_latency_ms -> p95;
 *   3. an error rate with nothing more specific ([error, rate], [errors], [http, error, rate]) is `5xx`,
 *      the war room's word for it: error_rate_pct -> 5xx;
 *   4. otherwise the first word that is not generic (order, http, api, request(s), error(s), rate, available,
 *      avg, mean, current), shortened by a small table (memory -> mem, latency -> lat, websocket -> ws,
 *      staleness -> stale, idempotency -> idemp, connections -> conn, utilization -> util):
 *      order_accept_error_rate -> accept, mem_available_pct -> mem;
 *   5. if every word is generic, the key itself.
 * Unit: `metrics.queries.<m>.unit` when given; otherwise from the key's suffix: _ms -> ms, _pct/_percent -> %,
 * _seconds/_s -> s, _bps -> bps; else none.
 */
import type { QueryConfig } from '../config/index.js';

const UNIT_WORDS = new Set(['ms', 'pct', 'percent', 'seconds', 's', 'ratio', 'bps', 'total', 'count']);
const GENERIC = new Set([
  'order',
  'orders',
  'http',
  'api',
  'request',
  'requests',
  'error',
  'errors',
  'rate',
  'available',
  'avg',
  'mean',
  'current',
]);
const ABBREVIATIONS: Record<string, string> = {
  memory: 'mem',
  latency: 'lat',
  websocket: 'ws',
  staleness: 'stale',
  idempotency: 'idemp',
  connections: 'conn',
  utilization: 'util',
};

export function shortName(key: string, query?: Pick<QueryConfig, 'label'>): string {
  if (query?.label) return query.label;
  const words = key
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  while (words.length > 1 && UNIT_WORDS.has(words[words.length - 1]!)) words.pop();
  const percentile = words.find((w) => /^p\d{2,3}$/.test(w));
  if (percentile) return percentile;
  if (words.includes('5xx')) return '5xx';
  const specific = words.filter((w) => !GENERIC.has(w));
  if (specific.length === 0) return words.some((w) => w.startsWith('error')) ? '5xx' : key;
  const first = specific[0]!;
  return ABBREVIATIONS[first] ?? first;
}

export function unitOf(key: string, query?: Pick<QueryConfig, 'unit'>): string | undefined {
  if (query?.unit) return query.unit;
  const last = key
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .pop();
  switch (last) {
    case 'ms':
      return 'ms';
    case 'pct':
    case 'percent':
      return '%';
    case 'seconds':
    case 's':
      return 's';
    case 'bps':
      return 'bps';
    default:
      return undefined;
  }
}
