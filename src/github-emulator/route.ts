/**
 * What a route of the GitHub emulator is: the OpenAPI operation it serves, and a handler that reads the request's
 * context (parameters, body, the emulated state) and gives its answer.
 */
import type { Shaper } from './shapes.js';
import type { EmulatorState } from './state.js';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  accept: string | undefined;
  state: EmulatorState;
  shaper: Shaper;
  /** The request URL as received (absolute), for Link headers. */
  url: URL;
}

export interface RouteAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON body (raw file contents). */
  text?: string;
}

export interface Route {
  operationId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** OpenAPI path; `{name+}` takes the rest of the path, slashes included. */
  path: string;
  handle(ctx: RouteContext): RouteAnswer;
}

/** A route in one line: GitHub's operationId, `METHOD /path` as the OpenAPI description writes it, and the handler. */
export function route(
  operationId: string,
  endpoint: `${Route['method']} /${string}`,
  handle: (ctx: RouteContext) => RouteAnswer,
): Route {
  const [method, path] = endpoint.split(' ') as [Route['method'], string];
  return { operationId, method, path, handle };
}
