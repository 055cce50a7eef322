/** `canary-conductor set-traffic`: apply a stage's share or a weight through the plan's traffic provider. */
import { DEFAULT_PLAN_PATH, loadPlan } from '../../config/index.js';
import { parseWeightInput, setTraffic } from '../../traffic/set-traffic.js';
import { parseCommandArgs, versionOption } from '../args.js';

export const USAGE =
  'Usage: canary-conductor set-traffic --version 1.4.0 (--stage quarter | --weight 25) [--config .github/canary.yml] [--dry-run]\n';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('set-traffic', argv, {
    config: { type: 'string', short: 'c', default: DEFAULT_PLAN_PATH },
    version: { type: 'string' },
    stage: { type: 'string' },
    weight: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const version = versionOption(values.version);
  const plan = await loadPlan(values.config);
  const result = await setTraffic({
    plan,
    version,
    ...(values.stage ? { stage: values.stage } : {}),
    ...(values.weight !== undefined ? { weight: parseWeightInput(values.weight, '--weight') } : {}),
    dryRun: values['dry-run']!,
    deps: { cwd: process.cwd(), ...(process.env.GITHUB_TOKEN ? { gitToken: process.env.GITHUB_TOKEN } : {}) },
  });
  process.stdout.write(
    `${JSON.stringify({ share: result.share, provider: result.provider, applied: result.applied, changed: result.changed ?? null, read_back: result.readBack ?? null, detail: result.detail }, null, 2)}\n`,
  );
  return 0;
}
