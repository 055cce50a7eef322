/**
 * Numbers that arrive as text (a Prometheus sample, a weight input, a read-back answer) are decimal.
 * `Number()` also reads `0x10` as 16, `0b11` as 3, `''` and `' '` as 0: a gate or a traffic check that took
 * `"0x10"` for 16 would judge a value nobody wrote.
 */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The decimal number the text spells, or NaN when it spells none (surrounding blanks are allowed). */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
}

export function isDecimalText(text: string): boolean {
  return DECIMAL.test(text.trim());
}
