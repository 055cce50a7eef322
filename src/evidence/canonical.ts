import { createHash } from 'node:crypto';

/** The `prev_sha256` of the first record of a chain (decision log or evidence index). */
export const GENESIS_SHA256 = '0'.repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * JSON with keys sorted at every level and no whitespace: the bytes a record's hash is computed over. Key
 * order and YAML formatting therefore never change a hash; any change of a value does.
 */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`cannot hash a non-finite number (${value})`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .filter((k) => value[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`)
    .join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 of a file's bytes, as the decision log and the evidence index record it. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
