import type { DecisionInput } from '../../src/evidence/decision-log.js';

export function decision(phase: string, overrides: Partial<DecisionInput> = {}): DecisionInput {
  return {
    version: '1.4.0',
    deployment_id: 'spark-1.4.0-42',
    phase,
    decision: 'PROCEED',
    reason: `${phase}: 4/4 guardrails pass`,
    approver: 'jane-doe',
    approval_comment: 'Latency normalized after cache warmup.',
    start_timestamp: '2026-05-16T21:15:00Z',
    traffic_share: { market_making: 0.05, agency: 0.02 },
    metrics_snapshot: {
      api_p95: { canary: 142, baseline: 138, threshold: '< 200', status: 'PASS' },
      'pnl.realized.delta_bps': 1.1,
      tiny: 1e-8,
    },
    notes: 'Proceeding: "quoted", colon: yes, # not a comment',
    run_url: 'https://github.com/acme/spark/actions/runs/42',
    evidence_files: [],
    ...overrides,
  };
}
