/**
 * Reading an HTTP answer the way every HTTP metric source must: up to a size cap (never an unbounded buffer), with
 * a timeout and a connection error told apart, and the body parsed as JSON without throwing.
 */

export function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

export function connectionError(e: unknown): string {
  const cause = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  if (cause && typeof cause === 'object') {
    const c = cause as { code?: unknown; message?: unknown };
    if (typeof c.code === 'string') return c.code;
    if (typeof c.message === 'string') return c.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The body as text, or undefined when it is larger than `max` bytes (reading stops there). */
export async function readCapped(response: Response, max: number): Promise<string | undefined> {
  const declared = Number.parseInt(response.headers.get('content-length') ?? '', 10);
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.body) {
    const text = await response.text();
    return Buffer.byteLength(text) > max ? undefined : text;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : `${bytes} bytes`;
}
