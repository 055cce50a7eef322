/** `canary-conductor plan`: the release plan rendered for one version (what the plan action outputs). */
import {
  ConfigurationError,
  checkVersionForPlan,
  DEFAULT_PLAN_PATH,
  loadPlan,
  renderEvidenceDir,
  renderStages,
  renderTag,
} from '../../config/index.js';
import { parseCommandArgs, versionOption } from '../args.js';

export const USAGE = `Usage: canary-conductor plan --version V [--config ${DEFAULT_PLAN_PATH}]

Prints the plan rendered for a version as JSON: the service, the release tag, the evidence folder and the
stages (traffic, duration, interval, environment, guardrails).
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('plan', argv, {
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    version: { type: 'string' },
  });
  const version = versionOption(values.version);
  const plan = await loadPlan(values.config);
  const unTaggable = checkVersionForPlan(plan, version);
  if (unTaggable) throw new ConfigurationError(`--version ${unTaggable}`);
  const out = {
    service: plan.release.service,
    tag: renderTag(plan, { version }),
    evidence_dir: renderEvidenceDir(plan, { version }),
    stages: renderStages(plan),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
