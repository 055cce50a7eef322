/**
 * The counters behind a ratio query, derived from the query itself.
 *
 * A ratio of two counter rates, `sum(rate(failures[1m])) / sum(rate(requests[1m]))`, is a rate of events per
 * request; judged as a series of per-interval ratios it loses the traffic each ratio rests on (0/3 and 0/3000
 * weigh the same). When the query has exactly that shape, the events and the totals are the same selectors under
 * `sum(increase(...[interval]))`, with the range set to the stage interval so consecutive samples neither overlap
 * nor leave gaps, and the exact counts test can judge them. Shapes recognised (whitespace free):
 *
 *   [k *] sum [by|without (labels)] ( rate|increase ( selector[range] ) ) [by|without (labels)]
 *       / sum ...same... [* k]
 *
 * where selector is `name{matchers}`, `name` or `{matchers}` (an `offset` after the range is kept), and either side
 * may be wrapped in parentheses.
 * Anything else (a quantile, a gauge, an extra binary operator, or a stage interval shorter than the query's own
 * range) is not decomposed: the guardrail keeps its series test, the record says why, and `validate` advises
 * declaring `counts:`.
 */
import { formatDuration, parseDuration, type ReleasePlan } from '../config/index.js';

export interface DerivedCounts {
  events: string;
  total: string;
  /** The constant the ratio is multiplied by (100 for a percentage), 1 if none. */
  scale: number;
}

export type RatioShape =
  | { kind: 'counts'; counts: DerivedCounts }
  /** A ratio (a top-level `/`) whose parts are not sums of counter rates. */
  | { kind: 'opaque-ratio'; reason: string }
  | { kind: 'not-a-ratio' };

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  eat(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  /** An identifier, metric name or keyword ([a-zA-Z_:][a-zA-Z0-9_:]*). */
  word(): string | undefined {
    this.skipSpace();
    const m = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  keyword(word: string): boolean {
    const start = this.pos;
    if (this.word()?.toLowerCase() === word) return true;
    this.pos = start;
    return false;
  }

  number(): number | undefined {
    this.skipSpace();
    const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  /** The text up to the matching close bracket, skipping quoted strings (label values may hold brackets). */
  balanced(open: string, close: string): string | undefined {
    if (!this.eat(open)) return undefined;
    const start = this.pos;
    let depth = 1;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"' || c === "'" || c === '`') {
        const quote = c;
        this.pos++;
        while (this.pos < this.text.length && this.text[this.pos] !== quote) {
          if (this.text[this.pos] === '\\' && quote !== '`') this.pos++;
          this.pos++;
        }
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) {
        const inner = this.text.slice(start, this.pos);
        this.pos++;
        return inner;
      }
      this.pos++;
    }
    return undefined;
  }

  done(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
}

interface SumOfRate {
  /** e.g. `by (route)`, kept so the counts have the ratio's shape. */
  grouping: string;
  selector: string;
  /** ` offset 3h`, kept so the counts look at the same moment as the ratio. */
  offset: string;
  /** The rate's range as written, e.g. `1m`. */
  range: string;
}

function grouping(s: Scanner): string | undefined {
  const start = s.pos;
  for (const kw of ['by', 'without']) {
    if (s.keyword(kw)) {
      const labels = s.balanced('(', ')');
      if (labels === undefined) {
        s.pos = start;
        return undefined;
      }
      return `${kw} (${labels.trim()})`;
    }
  }
  return '';
}

/** `sum [by (..)] (rate|increase(selector[range])) [by (..)]`, optionally in parentheses. */
function sumOfRate(s: Scanner): SumOfRate | undefined {
  if (s.peek() === '(') {
    const inner = s.balanced('(', ')');
    if (inner === undefined) return undefined;
    const nested = new Scanner(inner);
    const r = sumOfRate(nested);
    return r && nested.done() ? r : undefined;
  }
  if (!s.keyword('sum')) return undefined;
  const before = grouping(s);
  if (before === undefined) return undefined;
  const body = s.balanced('(', ')');
  if (body === undefined) return undefined;
  const after = grouping(s);
  if (after === undefined || (before && after)) return undefined;
  const inner = new Scanner(body);
  const fn = inner.word();
  if (fn !== 'rate' && fn !== 'increase') return undefined;
  const args = inner.balanced('(', ')');
  if (args === undefined || !inner.done()) return undefined;
  const sel = new Scanner(args);
  const name = sel.peek() === '{' ? '' : sel.word();
  if (name === undefined) return undefined;
  let matchers = '';
  if (sel.peek() === '{') {
    const m = sel.balanced('{', '}');
    if (m === undefined) return undefined;
    matchers = `{${m}}`;
  }
  if (!name && !matchers) return undefined;
  const range = sel.balanced('[', ']');
  if (range === undefined) return undefined;
  let offset = '';
  if (sel.keyword('offset')) {
    sel.skipSpace();
    const m = /^-?[0-9a-z]+/.exec(sel.text.slice(sel.pos));
    if (!m) return undefined;
    sel.pos += m[0].length;
    offset = ` offset ${m[0]}`;
  }
  if (!sel.done()) return undefined;
  return { grouping: before || after, selector: `${name}${matchers}`, offset, range: range.trim() };
}

function countsQuery(side: SumOfRate, intervalS: number): string {
  const by = side.grouping ? ` ${side.grouping}` : '';
  return `sum${by}(increase(${side.selector}[${formatDuration(intervalS)}]${side.offset}))`;
}

/** Whether the query divides at its top level (outside brackets and strings). */
function hasTopLevelDivision(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      const quote = c;
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && quote !== '`') i++;
        i++;
      }
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === '/' && depth === 0) return true;
  }
  return false;
}

/**
 * The shape of a (rendered) query: counts derived for a ratio of sums of counter rates, with the stage interval
 * as their range; an opaque ratio; or not a ratio at all.
 */
export function ratioShape(promql: string, intervalS: number): RatioShape {
  const s = new Scanner(promql);
  let scale = 1;
  const lead = s.pos;
  const k = s.number();
  if (k !== undefined) {
    if (s.eat('*')) scale = k;
    else s.pos = lead;
  }
  const events = sumOfRate(s);
  if (events && s.eat('/')) {
    const total = sumOfRate(s);
    if (total) {
      if (s.eat('*')) {
        const k2 = s.number();
        if (k2 !== undefined) scale *= k2;
        else return opaque(promql);
      }
      if (s.done() && scale > 0) {
        const longest = Math.max(
          parseDuration(events.range) ?? Infinity,
          parseDuration(total.range) ?? Infinity,
        );
        // Counts are read over one stage interval so that looks neither overlap nor leave gaps; an interval
        // shorter than the query's own range may hold fewer than two scrapes, and its increase() is then empty.
        if (intervalS < longest) {
          return {
            kind: 'opaque-ratio',
            reason: `the stage interval (${formatDuration(intervalS)}) is shorter than the query's range [${events.range}], so counts over one interval may not hold two scrapes`,
          };
        }
        return {
          kind: 'counts',
          counts: {
            events: countsQuery(events, intervalS),
            total: countsQuery(total, intervalS),
            scale,
          },
        };
      }
    }
  }
  return opaque(promql);
}

function opaque(promql: string): RatioShape {
  if (!hasTopLevelDivision(promql)) return { kind: 'not-a-ratio' };
  return {
    kind: 'opaque-ratio',
    reason:
      'the query divides, but not as sum(rate(events[w])) / sum(rate(total[w])) (or increase, with by/matchers), so its counts cannot be derived',
  };
}

/**
 * `validate` advisories: a baseline guardrail on a ratio query that cannot be decomposed is judged as a series of
 * per-interval ratios, which weighs 0/3 like 0/3000. Each advisory names the guardrail and shows the `counts:`
 * block that would let the exact counts test judge it. Placeholders stay as written: the template is inspected.
 */
export function countsAdvisories(plan: ReleasePlan): string[] {
  const advisories: string[] = [];
  const interval = plan.stages.length ? Math.min(...plan.stages.map((s) => s.interval)) : 120;
  for (const [name, g] of Object.entries(plan.guardrails)) {
    if (g.against !== 'baseline' || g.test === 'none' || g.test === 'mann-whitney') continue;
    const def = plan.metrics.queries[g.metric];
    if (!def || def.counts) continue;
    const shape = ratioShape(def.query, interval);
    if (shape.kind !== 'opaque-ratio') continue;
    const range = formatDuration(interval);
    advisories.push(
      `guardrails.${name}: metric ${g.metric} is a ratio, but ${shape.reason}; it is judged as a series of per-interval ratios. ` +
        `To judge it on the events and the traffic behind them, add to metrics.queries.${g.metric}:\n` +
        `      counts:\n` +
        `        events: 'sum(increase(<failures counter>{${plan.metrics.tracks.label}="{{track}}"}[${range}]))'\n` +
        `        total: 'sum(increase(<requests counter>{${plan.metrics.tracks.label}="{{track}}"}[${range}]))'`,
    );
  }
  return advisories;
}

/**
 * Whether the engine can derive counts from this query for some stage (its shape allows it; the interval is
 * checked per stage). For stand-in sources that must answer the counts queries the engine will ask.
 */
export function queryDerivesCounts(query: string): boolean {
  return ratioShape(query, Number.MAX_SAFE_INTEGER).kind === 'counts';
}
