/**
 * Live, on Prometheus and on VictoriaMetrics: the server scrapes a local service every second, the gate samples every 2 s, and a hard latency
 * regression injected at T is rolled back. The time bound is a sanity check that the breach was caught by the
 * gate's own sampling (not by the stage running out); the latency figures themselves are bench/gate-latency.ts's job.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../support/metrics-backends.js';
import { rateWindowShareSeconds, runDrill, SCRAPE_INTERVAL_S, STAGE_INTERVAL_S } from './live-drill.js';

// The backends side by side: each drill is its own server and service, and mostly waits on the clock.
describe.concurrent('live gate', () => {
  it.each(BACKENDS)(
    'scraped by %s: a hard latency regression injected at T is rolled back shortly after T',
    async (backend) => {
      const drill = await runDrill({ injectAfterS: 7, backend });
      const r = drill.result;
      expect(r.decision).toBe('ROLLBACK');
      expect(r.mode).toBe('live');
      expect(r.triggered_by).toContain('api_p95');
      expect(r.guardrails.find((g) => g.name === 'api_p95')!.status).toBe('hard');
      // Samples before T were healthy: nothing was decided before the injection.
      const before = r.samples.filter((s) => Date.parse(s.at) < drill.injectedAt.getTime());
      expect(before.length).toBeGreaterThanOrEqual(2);
      expect(
        before.every(
          (s) => s.state !== 'decided' && s.guardrails.find((g) => g.name === 'api_p95')!.status === 'pass',
        ),
      ).toBe(true);
      // Caught by the gate's own sampling, within the rate-window share plus a few intervals, long before the 90 s
      // stage would end (no warm-up here, so the share is if anything smaller than rateWindowShareSeconds()).
      const decidedAt = Date.parse(r.decided_at) - drill.injectedAt.getTime();
      expect(decidedAt).toBeGreaterThan(0);
      expect(decidedAt).toBeLessThan(
        (rateWindowShareSeconds() + SCRAPE_INTERVAL_S + 3 * STAGE_INTERVAL_S) * 1000,
      );
      expect(drill.warroom.at(-1)).toMatch(
        /^:00:\d\d \| Stage 1 \(1%\) \| p95=\d+ms .* api_p95=HARD \| IC: Rollback$/,
      );
    },
    120_000,
  );
});
