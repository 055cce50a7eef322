/**
 * The answers routes give the way GitHub gives them: 404 Not Found, 422 Validation Failed (for a whole request or
 * one field), and 201 Created with the new resource's URL as Location.
 */
import type { RouteAnswer } from './route.js';
import { DOCS, errorBody, validationError, type Json } from './shapes.js';

export const notFound = (): RouteAnswer => ({ status: 404, body: errorBody('Not Found', DOCS, 404) });

export const invalid = (message: string, errors: Json[] = []): RouteAnswer => ({
  status: 422,
  body: validationError(message, errors),
});

/** 422 for one field of a resource, in GitHub's words: `{ resource, field, code[, message] }`. */
export function invalidField(resource: string, field: string, code: string, message?: string): RouteAnswer {
  return invalid('Validation Failed', [
    { resource, field, code, ...(message !== undefined ? { message } : {}) },
  ]);
}

export function created(json: Json): RouteAnswer {
  return { status: 201, body: json, headers: { location: String(json['url']) } };
}

/** A request body as an object; any other JSON reads as an empty one (its fields are then missing). */
export function bodyRecord(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
