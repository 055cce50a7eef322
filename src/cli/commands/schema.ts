/** `canary-conductor schema`: the JSON Schema of the release plan, for editors (yaml-language-server) and CI. */
import { planJsonSchema } from '../../config/index.js';
import { parseCommandArgs } from '../args.js';

export const USAGE = `Usage: canary-conductor schema

Prints the JSON Schema of the release plan (.github/canary.yml) on stdout, e.g.
  canary-conductor schema > canary.schema.json
and point your editor at it with a first line  # yaml-language-server: $schema=canary.schema.json
`;

export async function run(argv: string[]): Promise<number> {
  parseCommandArgs('schema', argv, {});
  process.stdout.write(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
  return 0;
}
