/**
 * The scenarios `simulate` plays, each with the stage where its trouble starts and the outcome docs/simulate.md
 * documents (the tests hold the simulation to it). The trouble starts a few minutes into its stage (after
 * `onsetIntervals` sample intervals), so the war-room shows the stage healthy first and then the change.
 * A plan with fewer stages than the onset stage gets the trouble in its last stage.
 */
import { ConfigurationError } from '../config/index.js';
import type { SyntheticScenario } from '../metrics/synthetic.js';

export const SCENARIO_NAMES = [
  'healthy',
  'latency-regression',
  'error-spike',
  'slow-burn',
  'no-data',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  name: ScenarioName;
  synthetic: SyntheticScenario;
  /** 1-based stage of the plan where the trouble starts (none for healthy). */
  onsetStage: number | null;
  /** Sample intervals into that stage before the trouble starts. */
  onsetIntervals: number;
  /** slow-burn: how long the drift from healthy to the breach value takes, in sample intervals. */
  burnIntervals?: number;
  description: string;
  /** The documented outcome with the reference plan. */
  expected: { outcome: 'promoted' | 'rolled_back'; decision?: 'ROLLBACK'; why: string };
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  healthy: {
    name: 'healthy',
    synthetic: 'healthy',
    onsetStage: null,
    onsetIntervals: 0,
    description: 'every metric stays healthy on both tracks',
    expected: { outcome: 'promoted', why: 'every stage window completes with every guardrail passing' },
  },
  'latency-regression': {
    name: 'latency-regression',
    synthetic: 'latency-regression',
    onsetStage: 3,
    onsetIntervals: 1.5,
    description: 'the canary latency metrics jump beyond their hard threshold in stage 3',
    expected: {
      outcome: 'rolled_back',
      decision: 'ROLLBACK',
      why: 'the first sample after the jump is a hard breach: ROLLBACK at once, stage 3',
    },
  },
  'error-spike': {
    name: 'error-spike',
    synthetic: 'error-spike',
    onsetStage: 2,
    onsetIntervals: 2.5,
    description: 'the canary error metrics jump beyond their hard threshold in stage 2',
    expected: {
      outcome: 'rolled_back',
      decision: 'ROLLBACK',
      why: 'the first sample after the spike is a hard breach of the error rate: ROLLBACK at once, stage 2',
    },
  },
  'slow-burn': {
    name: 'slow-burn',
    synthetic: 'slow-burn',
    onsetStage: 2,
    onsetIntervals: 0.5,
    burnIntervals: 12,
    description:
      'the canary latency drifts from healthy to beyond the hard threshold over 12 sample intervals from stage 2',
    expected: {
      outcome: 'rolled_back',
      decision: 'ROLLBACK',
      why: 'the drift is first seen as a trend or a soft breach (HOLD), then crosses the hard threshold: ROLLBACK, stage 2',
    },
  },
  'no-data': {
    name: 'no-data',
    synthetic: 'no-data',
    onsetStage: 2,
    onsetIntervals: 0.5,
    description: 'every canary query returns no data from stage 2 (a broken scrape, a renamed metric)',
    expected: {
      outcome: 'rolled_back',
      decision: 'ROLLBACK',
      why: 'no data is never a pass: each unmeasurable sample holds, the third in a row (max_no_data 3) rolls back, stage 2',
    },
  },
};

export function scenarioNamed(name: string): Scenario {
  const s = (SCENARIOS as Record<string, Scenario>)[name];
  if (!s)
    throw new ConfigurationError(
      `--scenario: "${name}" is not a scenario (one of ${SCENARIO_NAMES.join(', ')})`,
    );
  return s;
}

/** The 1-based stage where the scenario's trouble starts in a plan of `stages` stages; null for none. */
export function onsetStageFor(scenario: Scenario, stages: number): number | null {
  return scenario.onsetStage === null ? null : Math.min(scenario.onsetStage, stages);
}
