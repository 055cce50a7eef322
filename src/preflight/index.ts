export { runPreflight, kindOf, createSharedFacts } from './runner.js';
export {
  summaryLine,
  verdictOf,
  textTable,
  preflightEvidenceView,
  renderPreflightEvidence,
  detailText,
  STATUS_MARK,
  type Verdict,
} from './report.js';
export { createGitReader, type GitReader } from './git.js';
export { runPlanPreflight, type PlanPreflightInput, type PlanPreflightResult } from './plan-preflight.js';
export type * from './types.js';
export type { BreakingChange, BreakingKind } from './schema-diff/types.js';
