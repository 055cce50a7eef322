/**
 * Alpha for one look of a sequentially monitored comparison.
 *
 * The engine judges a stage once per interval. Testing every look at the full alpha would multiply false
 * rollbacks (seven looks at 2% each approach 10%). The budget alpha = 1 - confidence is split instead, and the
 * union bound guarantees that the chance of any false breach over all looks stays at most alpha whatever the
 * correlation between looks (a Haybittle-Peto style design, conservative because cumulative looks are
 * positively correlated). Every share is a function of the look's number alone, never of the data, which is what
 * the union bound needs:
 *   - INTERIM_SHARE of alpha is spread evenly over the planned looks before the last, so only overwhelming
 *     evidence stops a stage early;
 *   - FINAL_SHARE goes to the planned last look;
 *   - OVERTIME_SHARE goes to the looks the stage's holds may add past the plan (a window that ends leaning
 *     toward a breach is held for more evidence, docs/gate.md): most of it at the end of each hold, where a
 *     held stage decides with two or three times the data, and a little at every look in between, so a
 *     regression that becomes overwhelming during a hold still stops it early.
 * A stage that cannot hold (max_holds: 0) gives the overtime share to its last look.
 */

export interface Look {
  /** 1-based number of this look within the stage. */
  index: number;
  /** Looks planned for the stage (duration / interval). */
  planned: number;
  /**
   * The looks past the plan the stage's holds allow: `holds` holds of `perHold` looks each (hold / interval).
   * Absent: the stage is judged as if it could not be extended.
   */
  overtime?: { perHold: number; holds: number };
}

export const INTERIM_SHARE = 0.1;
export const FINAL_SHARE = 0.7;
export const OVERTIME_SHARE = 1 - INTERIM_SHARE - FINAL_SHARE;
/** The part of the overtime share that goes to the end of each hold; the rest is spread over every overtime look. */
export const HOLD_END_SHARE = 0.8;

function overtimeLooks(look: Look): number {
  const o = look.overtime;
  return o ? o.perHold * o.holds : 0;
}

function checkLook(look: Look): void {
  const { index, planned, overtime } = look;
  if (!Number.isInteger(index) || index < 1) {
    throw new RangeError(`spec.look.index: expected an integer >= 1, got ${String(index)}`);
  }
  if (!Number.isInteger(planned) || planned < 1) {
    throw new RangeError(`spec.look.planned: expected an integer >= 1, got ${String(planned)}`);
  }
  if (overtime !== undefined) {
    for (const key of ['perHold', 'holds'] as const) {
      const v = overtime[key];
      if (!Number.isInteger(v) || v < 0) {
        throw new RangeError(`spec.look.overtime.${key}: expected an integer >= 0, got ${String(v)}`);
      }
    }
  }
}

export function lookAlpha(alpha: number, look: Look | undefined): number {
  if (!look) return alpha;
  checkLook(look);
  const { index, planned } = look;
  const extra = overtimeLooks(look);
  if (index > planned) {
    const j = index - planned;
    // Past every look the holds allow (a stage extended by unmeasured samples as well): nothing left to spend.
    if (j > extra) return 0;
    const { perHold, holds } = look.overtime!;
    const spread = ((1 - HOLD_END_SHARE) * OVERTIME_SHARE * alpha) / extra;
    const atHoldEnd = j % perHold === 0 ? (HOLD_END_SHARE * OVERTIME_SHARE * alpha) / holds : 0;
    return spread + atHoldEnd;
  }
  const last = FINAL_SHARE + (extra === 0 ? OVERTIME_SHARE : 0);
  if (planned === 1) return (INTERIM_SHARE + last) * alpha;
  if (index === planned) return last * alpha;
  return (INTERIM_SHARE * alpha) / (planned - 1);
}

/**
 * The look at which the stage would next decide at a full share: the planned last look, or past the plan the end
 * of the hold in progress. Power figures are given at its level ("if the window ended there").
 */
export function decisiveLook(look: Look): Look {
  const { index, planned } = look;
  if (index <= planned) return { ...look, index: planned };
  const perHold = look.overtime?.perHold ?? 0;
  if (perHold === 0 || index - planned > overtimeLooks(look)) return look;
  return { ...look, index: planned + Math.ceil((index - planned) / perHold) * perHold };
}
