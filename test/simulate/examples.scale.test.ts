/**
 * Every other shipped example, rehearsed end to end at its full size, as examples.test.ts rehearses the first one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { describeExampleRehearsals, EXAMPLES } from './example-rehearsal.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'simulate-examples-scale-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describeExampleRehearsals(EXAMPLES.slice(1), root);
