import { describe, expect, it } from 'vitest';
import { judgeCounts, judgeSamples, type ComparisonSpec } from '../../src/gate/judge/index.js';
import { hodgesLehmann, kayentaClassify, mannWhitneyGreater } from '../../src/gate/judge/mann-whitney.js';
import {
  binomialUpperTail,
  normalUpperQuantile,
  studentUpperTail,
} from '../../src/gate/judge/distributions.js';
import { decisiveLook, lookAlpha } from '../../src/gate/judge/sequential.js';
import { signedRankGreater, trimmedTGreater } from '../../src/gate/judge/paired.js';
import { generateCorpus, mulberry32, oraclePower } from '../../bench/judge-accuracy.js';

const increase10: ComparisonSpec = { direction: 'increase', allowedPct: 10, confidence: 0.98, test: 'auto' };

describe('Mann-Whitney U against published values', () => {
  // Hollander & Wolfe (1973) p. 69, the example in R's ?wilcox.test: W = 35, p-value = 0.1272 (greater).
  const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
  const y = [1.15, 0.88, 0.9, 0.74, 1.21];

  it('gives U = 35 and the exact one-sided p = 0.1272', () => {
    const r = mannWhitneyGreater(x, y);
    expect(r.u).toBe(35);
    expect(r.method).toBe('exact');
    expect(r.pValue).toBeCloseTo(0.1272, 4);
  });

  it('gives the Hodges-Lehmann shift 0.305 with an interval around it', () => {
    const hl = hodgesLehmann(x, y, 0.95);
    expect(hl.estimate).toBeCloseTo(0.305, 6);
    expect(hl.lower).toBeLessThan(0.305);
    expect(hl.upper).toBeGreaterThan(0.305);
  });

  it('matches the tie-corrected normal approximation (ClickHouse mannWhitneyUTest test: U 223, p 0.5427)', () => {
    const left = [
      310, 195, 530, 155, 530, 245, 385, 450, 465, 545, 170, 180, 125, 180, 230, 75, 430, 480, 495, 295,
    ];
    const right = [
      116, 171, 176, 421, 111, 326, 481, 111, 346, 441, 261, 411, 206, 521, 456, 446, 296, 51, 426, 261,
    ];
    const greater = mannWhitneyGreater(left, right);
    const less = mannWhitneyGreater(right, left);
    expect(greater.u).toBe(223);
    expect(greater.method).toBe('normal');
    expect(2 * Math.min(greater.pValue, less.pValue)).toBeCloseTo(0.5426959774289482, 6);
  });
});

describe('distributions', () => {
  it('reproduces table values', () => {
    expect(studentUpperTail(2.228, 10)).toBeCloseTo(0.025, 4);
    expect(normalUpperQuantile(0.02)).toBeCloseTo(2.0537, 4);
    expect(normalUpperQuantile(0.0001)).toBeCloseTo(3.719, 3);
    expect(binomialUpperTail(3, 10, 0.5)).toBeCloseTo(0.9453125, 10);
  });
});

describe('judgeSamples', () => {
  const baseline = [100, 102, 98, 101, 99, 103, 97, 100, 101, 99];

  it('calls 7 of 10 points at 100x the baseline a breach, where a Kayenta-style judge passes it', () => {
    const canary = [10000, 10100, 9900, 10050, 9950, 10020, 9980, 100, 101, 99];
    const ours = judgeSamples(canary, baseline, increase10);
    expect(ours.verdict).toBe('breach');
    expect(ours.reason).toMatch(/above the allowed \+10% at 98% confidence/);
    expect(
      kayentaClassify(canary, baseline, { direction: 'increase', allowedIncrease: 1.1 }).classification,
    ).toBe('Pass');
  });

  it('does not call noise a breach, and says what it compared', () => {
    const canary = [101, 99, 100, 102, 98, 100, 103, 97, 100, 101];
    const r = judgeSamples(canary, baseline, increase10);
    expect(r.verdict).toBe('within');
    expect(r.canary).toEqual({ n: 10, median: 100, mean: 100.1 });
    expect(r.pValue).toBeGreaterThan(0.02);
    expect(r.reason).toMatch(/^canary median 100 vs baseline 100 .*no evidence beyond the allowed \+10%/);
  });

  it('is inconclusive with too few samples, also after dropping NaN', () => {
    const r = judgeSamples([500, 510], baseline, increase10);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/only 2 canary and 10 baseline samples/);
    const withNaN = judgeSamples([500, Number.NaN, 510, Number.NaN], baseline, increase10);
    expect(withNaN.verdict).toBe('inconclusive');
    expect(withNaN.reason).toMatch(/2 non-numeric values ignored/);
  });

  it('judges direction decrease: a 40% drop breaches decrease: 10% but not increase', () => {
    const canary = baseline.map((v) => v * 0.6);
    expect(judgeSamples(canary, baseline, { ...increase10, direction: 'decrease' }).verdict).toBe('breach');
    expect(judgeSamples(canary, baseline, increase10).verdict).toBe('within');
  });

  it("judges 'both' with an absolute delta in the metric's unit", () => {
    const spec: ComparisonSpec = { direction: 'both', allowedDelta: 2, test: 'auto' };
    const up = judgeSamples(
      baseline.map((v) => v + 8),
      baseline,
      spec,
    );
    expect(up.verdict).toBe('breach');
    expect(up.reason).toMatch(/above the allowed ±2/);
    const down = judgeSamples(
      baseline.map((v) => v - 8),
      baseline,
      spec,
    );
    expect(down.verdict).toBe('breach');
    expect(down.reason).toMatch(/below the allowed ±2/);
    expect(
      judgeSamples(
        baseline.map((v) => v + 0.5),
        baseline,
        spec,
      ).verdict,
    ).toBe('within');
  });

  it('rejects a malformed spec naming the field', () => {
    expect(() => judgeSamples(baseline, baseline, { ...increase10, allowedPct: -5 })).toThrow(
      /spec\.allowedPct/,
    );
    expect(() => judgeSamples(baseline, baseline, { ...increase10, confidence: 1.5 })).toThrow(
      /spec\.confidence/,
    );
    expect(() => judgeSamples(baseline, baseline, { ...increase10, test: 'counts' })).toThrow(/judgeCounts/);
    expect(() => judgeSamples(baseline, baseline, { ...increase10, look: { index: 0, planned: 7 } })).toThrow(
      /spec\.look\.index/,
    );
  });
});

describe('paired tests', () => {
  it('signed-rank matches R wilcox.test(x, y, paired = TRUE, alternative = "greater")', () => {
    // Hollander & Wolfe (1973) p. 29, the paired example in R's ?wilcox.test: V = 40, p-value = 0.01953.
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = signedRankGreater(x.map((v, i) => v - y[i]!));
    expect(r.method).toBe('signed-rank (exact)');
    expect(r.pValue).toBeCloseTo(0.01953, 5);
  });

  it('paired t matches R t.test(x, y, paired = TRUE, alternative = "greater")', () => {
    // Same data: t = 3.0354, df = 8, p-value = 0.008088.
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = trimmedTGreater(
      x.map((v, i) => v - y[i]!),
      0,
    );
    expect(r.method).toBe('paired t');
    expect(r.pValue).toBeCloseTo(0.008088, 5);
  });

  it('trims one spike in ten so it cannot hide a regression', () => {
    const d = [0.3, 0.32, 0.28, 0.31, 0.29, 0.3, 0.33, 0.27, 0.3, -1.5];
    expect(trimmedTGreater(d, 0).pValue).toBeGreaterThan(0.1);
    const trimmed = trimmedTGreater(d);
    expect(trimmed.method).toBe('paired t trimmed 1+1');
    expect(trimmed.pValue).toBeLessThan(1e-6);
  });
});

describe('judgeSamples paired by interval', () => {
  const paired: ComparisonSpec = { ...increase10, pairing: 'by-interval' };
  // Load swings of +-30% shared by both tracks, 2% noise of each track's own.
  const load = [1, 1.3, 0.7, 1.2, 0.8, 1.25, 0.75, 1.1, 0.9, 1.05];
  const noise = (i: number, track: number): number => 1 + 0.02 * Math.sin(3.7 * i + track);
  const baseline = load.map((l, i) => 100 * l * noise(i, 0));

  it('sees +25% through shared load swings that hide it from independent samples', () => {
    const canary = load.map((l, i) => 125 * l * noise(i, 1));
    const r = judgeSamples(canary, baseline, paired);
    expect(r.verdict).toBe('breach');
    expect(r.method).toBe('paired-trimmed-t-log');
    expect(r.reason).toMatch(/10 intervals paired/);
    expect(r.interval![0]).toBeGreaterThan(15);
    expect(r.interval![1]).toBeLessThan(35);
    expect(judgeSamples(canary, baseline, increase10).verdict).toBe('within');
  });

  it('does not call +5% drift inside the allowance a breach', () => {
    const canary = load.map((l, i) => 105 * l * noise(i, 1));
    expect(judgeSamples(canary, baseline, paired).verdict).toBe('within');
  });

  it('drops an interval missing on either track, and refuses series that are not aligned', () => {
    const canary = load.map((l, i) => 125 * l * noise(i, 1));
    canary[3] = Number.NaN;
    const r = judgeSamples(canary, baseline, paired);
    expect(r.canary.n).toBe(9);
    expect(r.baseline.n).toBe(9);
    expect(r.reason).toMatch(/1 interval with a non-numeric value ignored/);
    expect(() => judgeSamples(canary.slice(1), baseline, paired)).toThrow(/equal lengths/);
    expect(() =>
      judgeSamples(canary, baseline, { ...increase10, pairing: 'aligned' as unknown as 'by-interval' }),
    ).toThrow(/spec\.pairing/);
  });

  it('uses the signed-rank test alone for test: mann-whitney, and judges decrease and delta', () => {
    const canary = load.map((l, i) => 140 * l * noise(i, 1));
    const rank = judgeSamples(canary, baseline, { ...paired, test: 'mann-whitney' });
    expect(rank.method).toBe('signed-rank');
    expect(rank.verdict).toBe('breach');
    const drop = load.map((l, i) => 60 * l * noise(i, 1));
    expect(judgeSamples(drop, baseline, { ...paired, direction: 'decrease' }).verdict).toBe('breach');
    expect(judgeSamples(drop, baseline, paired).verdict).toBe('within');
    const plus8 = baseline.map((b) => b + 8);
    const delta = judgeSamples(plus8, baseline, {
      direction: 'both',
      allowedDelta: 2,
      test: 'auto',
      pairing: 'by-interval',
    });
    expect(delta.verdict).toBe('breach');
    expect(delta.reason).toMatch(/above the allowed ±2/);
  });

  it('keeps false breaches on the allowance boundary under 1 - confidence at every interval', () => {
    const rng = mulberry32(11);
    const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const planned = 10;
    let falseBreaches = 0;
    const runs = 300;
    for (let r = 0; r < runs; r++) {
      const shared = Array.from({ length: planned }, () => Math.exp(0.3 * gaussian()));
      // Exactly at the allowance (+10%), the hardest case for a false breach.
      const canary = shared.map((l) => 110 * l * Math.exp(0.05 * gaussian()));
      const base = shared.map((l) => 100 * l * Math.exp(0.05 * gaussian()));
      for (let k = 1; k <= planned; k++) {
        const spec = { ...paired, look: { index: k, planned } };
        if (judgeSamples(canary.slice(0, k), base.slice(0, k), spec).verdict === 'breach') {
          falseBreaches++;
          break;
        }
      }
    }
    // alpha = 0.02 over 300 runs: 6 expected at worst; 15 would be far outside binomial noise.
    expect(falseBreaches).toBeLessThan(15);
  });
});

describe('bench oracle', () => {
  it('bounds detection from above: near 100% where the data is rich, far below where it is sparse', () => {
    const corpus = generateCorpus(5, 4);
    const power = (category: string, effect: number): number => {
      const pairs = corpus.filter((p) => p.category === category && p.effectPct === effect);
      return pairs.reduce((s, p) => s + oraclePower(p), 0) / pairs.length;
    };
    expect(power('latency', 100)).toBeGreaterThan(0.999);
    expect(power('sparse-errors', 25)).toBeLessThan(0.5);
    for (const p of corpus.filter((q) => q.regression)) {
      expect(oraclePower(p)).toBeGreaterThanOrEqual(0);
      expect(oraclePower(p)).toBeLessThanOrEqual(1);
    }
  });
});

describe('judgeCounts', () => {
  const accept25: ComparisonSpec = { direction: 'increase', allowedPct: 25, test: 'counts' };

  it('0 errors against 0 is not a breach, and says how much traffic that rests on', () => {
    const r = judgeCounts(
      { canaryEvents: 0, canaryTotal: 50, baselineEvents: 0, baselineTotal: 5000 },
      accept25,
    );
    expect(r.verdict).toBe('within');
    expect(r.reason).toMatch(/no events on either track/);
    expect(r.reason).toMatch(/with 50 canary requests its rate could still be up to 0\.07/);
  });

  it('2 errors in 50 canary requests against 0 in 5000 is a breach', () => {
    const r = judgeCounts(
      { canaryEvents: 2, canaryTotal: 50, baselineEvents: 0, baselineTotal: 5000 },
      accept25,
    );
    expect(r.verdict).toBe('breach');
    expect(r.method).toBe('poisson-exact-conditional');
    expect(r.pValue).toBeLessThan(0.001);
    expect(r.canary).toEqual({ n: 50, median: 0.04, mean: 0.04, events: 2 });
  });

  it('2 errors in 50 against 200 in 5000 (the same 4% rate) is within', () => {
    const r = judgeCounts(
      { canaryEvents: 2, canaryTotal: 50, baselineEvents: 200, baselineTotal: 5000 },
      accept25,
    );
    expect(r.verdict).toBe('within');
    expect(r.effectPct).toBeCloseTo(0, 6);
  });

  it('is inconclusive without canary traffic', () => {
    const r = judgeCounts(
      { canaryEvents: 0, canaryTotal: 0, baselineEvents: 3, baselineTotal: 5000 },
      accept25,
    );
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/no canary traffic/);
  });

  it('judges a drop and an absolute delta in percent units', () => {
    const drop = judgeCounts(
      { canaryEvents: 100, canaryTotal: 10000, baselineEvents: 2000, baselineTotal: 10000 },
      { direction: 'decrease', allowedPct: 50, test: 'auto' },
    );
    expect(drop.verdict).toBe('breach');
    const delta = judgeCounts(
      { canaryEvents: 400, canaryTotal: 10000, baselineEvents: 1000, baselineTotal: 100000, scale: 100 },
      { direction: 'both', allowedDelta: 1, test: 'auto' },
    );
    expect(delta.verdict).toBe('breach'); // 4% against 1%: 3 points apart, 1 allowed
    expect(delta.method).toBe('poisson-rate-difference');
  });

  it('rejects counts that are not counts', () => {
    expect(() =>
      judgeCounts({ canaryEvents: -1, canaryTotal: 10, baselineEvents: 0, baselineTotal: 10 }, accept25),
    ).toThrow(/counts\.canaryEvents/);
    expect(() =>
      judgeCounts({ canaryEvents: 20, canaryTotal: 10, baselineEvents: 0, baselineTotal: 10 }, accept25),
    ).toThrow(/events exceed their total/);
  });
});

describe('sequential looks', () => {
  it('never spends more than alpha over the planned looks and an extended stage', () => {
    for (const planned of [1, 2, 7, 30]) {
      for (const overtime of [
        undefined,
        { perHold: 8, holds: 2 },
        { perHold: 1, holds: 5 },
        { perHold: 8, holds: 0 },
      ]) {
        let spent = 0;
        for (let index = 1; index <= planned + 40; index++)
          spent += lookAlpha(0.02, { index, planned, ...(overtime ? { overtime } : {}) });
        expect(spent).toBeLessThanOrEqual(0.02 + 1e-12);
        // Nothing is left unspent when the stage can hold (the holds' looks take their share).
        if (overtime && overtime.holds > 0) expect(spent).toBeCloseTo(0.02, 12);
      }
    }
  });

  it('spends most of the overtime share at the end of each hold, and gives it to the last look when none is allowed', () => {
    const overtime = { perHold: 8, holds: 2 };
    const at = (index: number, o = overtime) => lookAlpha(0.02, { index, planned: 8, overtime: o });
    expect(at(8)).toBeCloseTo(0.7 * 0.02, 12);
    expect(at(16)).toBeGreaterThan(20 * at(12));
    expect(at(24)).toBeCloseTo(at(16), 12);
    expect(at(25)).toBe(0);
    expect(at(8, { perHold: 8, holds: 0 })).toBeCloseTo(0.9 * 0.02, 12);
    expect(decisiveLook({ index: 11, planned: 8, overtime }).index).toBe(16);
    expect(decisiveLook({ index: 3, planned: 8, overtime }).index).toBe(8);
    expect(() => lookAlpha(0.02, { index: 9, planned: 8, overtime: { perHold: -1, holds: 2 } })).toThrow(
      /spec\.look\.overtime\.perHold: expected an integer >= 0/,
    );
  });

  it('keeps false breaches on noise under 1 - confidence when judged at every interval', () => {
    const rng = mulberry32(7);
    const gaussian = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const planned = 10;
    let falseBreaches = 0;
    const runs = 300;
    for (let r = 0; r < runs; r++) {
      const canary = Array.from({ length: planned }, () => 100 * Math.exp(0.1 * gaussian()));
      const baseline = Array.from({ length: planned }, () => 100 * Math.exp(0.1 * gaussian()));
      for (let k = 1; k <= planned; k++) {
        const spec = { ...increase10, allowedPct: 0, look: { index: k, planned } };
        if (judgeSamples(canary.slice(0, k), baseline.slice(0, k), spec).verdict === 'breach') {
          falseBreaches++;
          break;
        }
      }
    }
    // alpha = 0.02 over 300 runs: 6 expected at worst; 15 would be far outside binomial noise.
    expect(falseBreaches).toBeLessThan(15);
  });

  it('stops early on overwhelming evidence', () => {
    const planned = 15;
    const baseline = [100, 103, 98, 101, 99, 102, 97, 100, 101, 99, 100, 102, 98, 101, 100];
    const canary = baseline.map((v, i) => v * (i % 2 ? 2.05 : 1.95));
    let decidedAt = 0;
    for (let k = 1; k <= planned && !decidedAt; k++) {
      const r = judgeSamples(canary.slice(0, k), baseline.slice(0, k), {
        ...increase10,
        look: { index: k, planned },
      });
      if (r.verdict === 'breach') decidedAt = k;
    }
    expect(decidedAt).toBeGreaterThan(0);
    expect(decidedAt).toBeLessThan(planned);
  });
});

describe('power past every look a stage may take', () => {
  it('is null (nothing can be detected any more), not an infinite figure', () => {
    const look = { index: 12, planned: 8, overtime: { perHold: 0, holds: 0 } };
    const spec: ComparisonSpec = {
      direction: 'increase',
      allowedPct: 10,
      test: 'auto',
      pairing: 'by-interval',
      look,
    };
    const r = judgeSamples([110, 120, 115, 118], [100, 101, 99, 100], spec);
    expect(r.alpha).toBe(0);
    expect(r.verdict).toBe('within');
    expect(r.minDetectablePct).toBeNull();
    // Noise-free data has p = 0; with no level left it still calls nothing.
    const exact = judgeSamples([150, 150, 150, 150], [100, 100, 100, 100], spec);
    expect(exact.pValue).toBe(0);
    expect(exact.verdict).toBe('within');
    const c = judgeCounts(
      { canaryEvents: 5, canaryTotal: 1000, baselineEvents: 50, baselineTotal: 100000 },
      { direction: 'increase', allowedPct: 40, test: 'auto', look },
    );
    expect(c.minDetectablePct).toBeNull();
  });
});
