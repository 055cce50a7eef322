/**
 * A small evaluator for the GitHub Actions expression language, enough to walk our workflows' job graph:
 * literals, property access (`a.b`, `a['b']`, `a[0]`, `needs.*.result`), `!`, comparisons, `&&`, `||`,
 * parentheses, and the functions fromJSON, toJSON, contains, startsWith, format, always, success, failure,
 * cancelled. Comparison and truthiness follow GitHub's documented loose rules.
 */
type Value = unknown;
export interface ExprContext {
  [name: string]: Value;
}
export interface StatusFunctions {
  success: () => boolean;
  failure: () => boolean;
  cancelled: () => boolean;
  always: () => boolean;
}

type Token = { t: 'num' | 'str' | 'id' | 'op' | 'punc'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= src.length) throw new Error(`unterminated string in ${src}`);
        if (src[j] === "'" && src[j + 1] === "'") {
          s += "'";
          j += 2;
        } else if (src[j] === "'") break;
        else s += src[j++];
      }
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      out.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '>=', '<=', '&&', '||'].includes(two)) {
        out.push({ t: 'op', v: two });
        i += 2;
      } else if ('<>!'.includes(c)) {
        out.push({ t: 'op', v: c });
        i++;
      } else if ('().[],*'.includes(c)) {
        out.push({ t: 'punc', v: c });
        i++;
      } else throw new Error(`unexpected ${c} in ${src}`);
    }
  }
  return out;
}

const toNumber = (v: Value): number => {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v);
  return NaN;
};
const truthy = (v: Value): boolean =>
  !(
    v === false ||
    v === 0 ||
    v === '' ||
    v === null ||
    v === undefined ||
    (typeof v === 'number' && Number.isNaN(v))
  );
function looseEq(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b && typeof a !== 'object') return a === b;
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  return toNumber(a) === toNumber(b);
}

export function evaluate(src: string, ctx: ExprContext, status: StatusFunctions): Value {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const eat = (v?: string) => {
    const t = tokens[p++];
    if (!t || (v !== undefined && t.v !== v)) throw new Error(`expected ${v ?? 'token'} at ${p} in ${src}`);
    return t;
  };
  const orExpr = (): Value => {
    let l = andExpr();
    while (peek()?.v === '||') {
      eat();
      const r = andExpr();
      l = truthy(l) ? l : r;
    }
    return l;
  };
  const andExpr = (): Value => {
    let l = cmpExpr();
    while (peek()?.v === '&&') {
      eat();
      const r = cmpExpr();
      l = truthy(l) ? r : l;
    }
    return l;
  };
  const cmpExpr = (): Value => {
    const l = unary();
    const op = peek();
    if (op?.t === 'op' && ['==', '!=', '>=', '<=', '<', '>'].includes(op.v)) {
      eat();
      const r = unary();
      switch (op.v) {
        case '==':
          return looseEq(l, r);
        case '!=':
          return !looseEq(l, r);
        case '>=':
          return toNumber(l) >= toNumber(r);
        case '<=':
          return toNumber(l) <= toNumber(r);
        case '>':
          return toNumber(l) > toNumber(r);
        default:
          return toNumber(l) < toNumber(r);
      }
    }
    return l;
  };
  const unary = (): Value => {
    if (peek()?.v === '!') {
      eat();
      return !truthy(unary());
    }
    return postfix(primary());
  };
  const postfix = (v: Value): Value => {
    for (;;) {
      const t = peek();
      if (t?.v === '.') {
        eat();
        const n = eat();
        if (n.v === '*') v = Array.isArray(v) ? v : Object.values((v as object) ?? {});
        else
          v = Array.isArray(v)
            ? v.map((x) => (x as Record<string, Value>)?.[n.v])
            : (v as Record<string, Value> | undefined)?.[n.v];
      } else if (t?.v === '[') {
        eat();
        const k = orExpr();
        eat(']');
        v = (v as Record<string, Value> | undefined)?.[String(k)];
      } else return v;
    }
  };
  const primary = (): Value => {
    const t = eat();
    if (t.t === 'num') return Number(t.v);
    if (t.t === 'str') return t.v;
    if (t.v === '(') {
      const v = orExpr();
      eat(')');
      return v;
    }
    if (t.t === 'id') {
      if (t.v === 'true') return true;
      if (t.v === 'false') return false;
      if (t.v === 'null') return null;
      if (peek()?.v === '(') {
        eat('(');
        const args: Value[] = [];
        while (peek()?.v !== ')') {
          args.push(orExpr());
          if (peek()?.v === ',') eat(',');
        }
        eat(')');
        return call(t.v, args);
      }
      return ctx[t.v];
    }
    throw new Error(`unexpected ${t.v} in ${src}`);
  };
  const call = (name: string, args: Value[]): Value => {
    switch (name.toLowerCase()) {
      case 'fromjson':
        return JSON.parse(String(args[0]));
      case 'tojson':
        return JSON.stringify(args[0]);
      case 'contains':
        return Array.isArray(args[0])
          ? args[0].some((x) => looseEq(x, args[1]))
          : String(args[0]).toLowerCase().includes(String(args[1]).toLowerCase());
      case 'startswith':
        return String(args[0]).toLowerCase().startsWith(String(args[1]).toLowerCase());
      case 'format':
        return String(args[0]).replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i) + 1]));
      case 'always':
        return status.always();
      case 'success':
        return status.success();
      case 'failure':
        return status.failure();
      case 'cancelled':
        return status.cancelled();
      default:
        throw new Error(`unsupported function ${name}`);
    }
  };
  const v = orExpr();
  if (p !== tokens.length) throw new Error(`trailing tokens in ${src}`);
  return v;
}

/** `${{ x }}` -> x; a plain string is an expression only in `if:`. */
export function unwrap(text: string): string {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return m ? m[1]!.trim() : text;
}

/** Substitutes every `${{ }}` in a string. */
export function interpolate(text: string, ctx: ExprContext, status: StatusFunctions): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, e: string) => {
    const v = evaluate(e.trim(), ctx, status);
    return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v ?? '');
  });
}

export { truthy };
