import { planJsonSchema } from '../../config/index.js';

export async function run(_argv: string[]): Promise<number> {
  process.stdout.write(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
  return 0;
}
