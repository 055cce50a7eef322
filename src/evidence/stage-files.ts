/**
 * The names of stage results in a release's evidence folder: `stage_<n>.json` (n = the stage's 1-based position in
 * the plan), and `stage_<n>_<k>.json` for the k-th run of the same stage after a hold or review (k = 2, 3...).
 */
import type { StageResult } from '../gate/types.js';

export const STAGE_RESULT_FILE = /^stage_(\d+)(?:_(\d+))?\.json$/;

/** The evidence file name for a stage result: `stage_<n>.json`, or `stage_<n>_<attempt>.json` for a re-run. */
export function stageResultFileName(result: Pick<StageResult, 'stage'>, attempt = 1): string {
  return attempt <= 1
    ? `stage_${result.stage.index + 1}.json`
    : `stage_${result.stage.index + 1}_${attempt}.json`;
}
