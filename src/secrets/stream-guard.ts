/**
 * The last gate before text leaves the process: stdout and stderr of an action or the CLI pass through the run's
 * masker, so a log line that quotes a secret (a command's failing output, a URL in an error) is masked even when
 * the code that printed it forgot to.
 */
import type { SecretMasker } from './masker.js';

/** The runner's command registering a mask must carry the value itself, or the runner learns only `***`. */
const ADD_MASK = /^::add-mask::/;

type Write = NodeJS.WriteStream['write'];

/** Masks every chunk written to the stream from now on; returns a function that restores the original write. */
export function guardStream(stream: NodeJS.WriteStream, masker: SecretMasker): () => void {
  const original = stream.write;
  const guarded = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString('utf8')
          : undefined;
    const safe = text === undefined || ADD_MASK.test(text) ? chunk : masker.mask(text);
    return (original as (...args: unknown[]) => boolean).call(this, safe, ...rest);
  } as Write;
  stream.write = guarded;
  return () => {
    if (stream.write === guarded) stream.write = original;
  };
}
