/**
 * GitHub's own expression engine (`@actions/expressions`, the parser and evaluator GitHub ships for the Actions
 * language) behind the three calls the workflow tests make. Only the status functions (success, failure,
 * cancelled, always) come from here: their answer is the job graph's state, which the walker knows.
 */
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy as githubTruthy } from '@actions/expressions/result';

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

const STATUS_NAMES = ['success', 'failure', 'cancelled', 'always'] as const;

function evaluateData(src: string, ctx: ExprContext, status: StatusFunctions): data.ExpressionData {
  const lexed = new Lexer(src).lex();
  const functions = STATUS_NAMES.map((name) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: () => new data.BooleanData(status[name]()),
  }));
  const expr = new Parser(lexed.tokens, Object.keys(ctx), functions).parse();
  // JSON in, GitHub's data model out: the reviver builds dictionaries, arrays and scalars as the runner does.
  const context = JSON.parse(JSON.stringify(ctx), data.reviver) as data.Dictionary;
  return new Evaluator(expr, context, new Map(functions.map((f) => [f.name, f]))).evaluate();
}

/** The value of an expression, as plain JSON. */
export function evaluate(src: string, ctx: ExprContext, status: StatusFunctions): Value {
  return JSON.parse(JSON.stringify(evaluateData(src, ctx, status), data.replacer)) as Value;
}

/** Whether an `if:` holds, by GitHub's truthiness rules. */
export function holds(src: string, ctx: ExprContext, status: StatusFunctions): boolean {
  return githubTruthy(evaluateData(src, ctx, status));
}

/** `${{ x }}` -> x; a plain string is an expression only in `if:`. */
export function unwrap(text: string): string {
  const m = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return m ? m[1]!.trim() : text;
}

/** Substitutes every `${{ }}` in a string, as GitHub coerces a value into text. */
export function interpolate(text: string, ctx: ExprContext, status: StatusFunctions): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_m, e: string) => {
    const value = evaluateData(e.trim(), ctx, status);
    return value.kind === data.Kind.Array || value.kind === data.Kind.Dictionary
      ? JSON.stringify(value, data.replacer)
      : value.coerceString();
  });
}
