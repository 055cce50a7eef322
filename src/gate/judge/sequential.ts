/**
 * Alpha for one look of a sequentially monitored comparison.
 *
 * The engine judges a stage once per interval. Testing every look at the full alpha would multiply false
 * rollbacks (seven looks at 2% each approach 10%). The budget alpha = 1 - confidence is split instead, and the
 * union bound guarantees that the chance of any false breach over all looks stays at most alpha whatever the
 * correlation between looks (a Haybittle-Peto style design, conservative because cumulative looks are
 * positively correlated):
 *   - INTERIM_SHARE of alpha is spread evenly over the planned looks before the last, so only overwhelming
 *     evidence stops a stage early;
 *   - FINAL_SHARE goes to the planned last look, which therefore keeps nearly the power of a single test;
 *   - the rest is reserved for looks past the plan (a held, extended stage), halving each extra look.
 */

export interface Look {
  /** 1-based number of this look within the stage. */
  index: number;
  /** Looks planned for the stage (duration / interval). */
  planned: number;
}

export const INTERIM_SHARE = 0.1;
export const FINAL_SHARE = 0.85;
export const OVERTIME_SHARE = 1 - INTERIM_SHARE - FINAL_SHARE;

export function lookAlpha(alpha: number, look: Look | undefined): number {
  if (!look) return alpha;
  const { index, planned } = look;
  if (!Number.isInteger(index) || index < 1) {
    throw new RangeError(`spec.look.index: expected an integer >= 1, got ${String(index)}`);
  }
  if (!Number.isInteger(planned) || planned < 1) {
    throw new RangeError(`spec.look.planned: expected an integer >= 1, got ${String(planned)}`);
  }
  if (index > planned) return OVERTIME_SHARE * alpha * Math.pow(2, -(index - planned));
  if (planned === 1) return (INTERIM_SHARE + FINAL_SHARE) * alpha;
  if (index === planned) return FINAL_SHARE * alpha;
  return (INTERIM_SHARE * alpha) / (planned - 1);
}
