/** One request as the emulator saw and answered it. */
export interface RecordedRequest {
  seq: number;
  method: string;
  /** Path without the query string, still percent-encoded as sent. */
  path: string;
  query: Record<string, string>;
  /** The OpenAPI operationId of the route that answered, or null when no route matched. */
  operationId: string | null;
  params: Record<string, string>;
  userAgent: string | undefined;
  /** `token ***`, `Bearer ***` or undefined: the credential itself is never recorded. */
  authorization: string | undefined;
  accept: string | undefined;
  body: unknown;
  /** 0 when the connection was reset without an answer. */
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: unknown;
  /** Whether a POST/PATCH/PUT/DELETE counted against the content-creation limits. */
  contentCreating: boolean;
  /** Requests in flight, this one included, when it arrived. */
  inFlightAtArrival: number;
  /** Emulated epoch ms at arrival and at the end of the answer. */
  emulatedArrival: number;
  emulatedEnd: number;
  /** Real ms since the emulator started, at arrival and at the end of the answer. */
  realArrival: number;
  realEnd: number;
  /** What answered: the route, an injected fault, or the secondary-limit policy. */
  outcome: 'route' | 'fault' | 'secondary-limit' | 'primary-limit' | 'forbidden' | 'no-route';
  fault?: string;
  limit?: 'per-minute' | 'per-hour' | 'concurrency';
}

/** The most timestamps inside any window of `windowMs` (sliding, start inclusive, end exclusive). */
export function maxInSlidingWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The most intervals [start, end) open at one instant. */
export function maxOverlap(intervals: { start: number; end: number }[]): number {
  const events: [number, number][] = [];
  for (const { start, end } of intervals) {
    events.push([start, 1], [end, -1]);
  }
  // Ends sort before starts at the same instant: a request that finished as another arrived did not overlap it.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let best = 0;
  for (const [, delta] of events) {
    open += delta;
    best = Math.max(best, open);
  }
  return best;
}

export interface PolicyReport {
  contentCreatingAccepted: number;
  secondaryLimitAnswers: number;
  byLimit: Record<'per-minute' | 'per-hour' | 'concurrency', number>;
  /** Most accepted content-creating requests in any emulated minute / hour. */
  maxAcceptedPerMinute: number;
  maxAcceptedPerHour: number;
  /** Most accepted requests being served at one instant (real time). */
  maxConcurrentAccepted: number;
  /** First to last request, emulated ms. */
  emulatedSpanMs: number;
}

/** Recomputes, from the log alone, whether GitHub's secondary limits were kept. */
export function policyReport(requests: readonly RecordedRequest[]): PolicyReport {
  const accepted = requests.filter(
    (r) => r.outcome !== 'secondary-limit' && r.outcome !== 'primary-limit' && r.status !== 0,
  );
  const creating = accepted.filter((r) => r.contentCreating).map((r) => r.emulatedArrival);
  const limited = requests.filter((r) => r.outcome === 'secondary-limit');
  const byLimit = { 'per-minute': 0, 'per-hour': 0, concurrency: 0 };
  for (const r of limited) if (r.limit) byLimit[r.limit] += 1;
  const arrivals = requests.map((r) => r.emulatedArrival);
  return {
    contentCreatingAccepted: creating.length,
    secondaryLimitAnswers: limited.length,
    byLimit,
    maxAcceptedPerMinute: maxInSlidingWindow(creating, 60_000),
    maxAcceptedPerHour: maxInSlidingWindow(creating, 3_600_000),
    maxConcurrentAccepted: maxOverlap(accepted.map((r) => ({ start: r.realArrival, end: r.realEnd }))),
    emulatedSpanMs: arrivals.length ? Math.max(...arrivals) - Math.min(...arrivals) : 0,
  };
}
