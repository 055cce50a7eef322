/**
 * The layers of src/ point one way: the action layer (src/action) sits on top and nothing below imports it; the
 * platform layer (src/platform: clock, command runner, git, HTML escaping) sits at the bottom and imports no domain;
 * and no module imports itself back through a cycle. madge reads the same graph `npx madge --circular` does.
 */
import path from 'node:path';
import madge from 'madge';
import { beforeAll, describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');
/** What the platform layer may use besides itself: the one secret masker that every output passes. */
const PLATFORM_MAY_IMPORT = ['secrets/'];

let graph: Record<string, string[]>;
let circular: string[][];

beforeAll(async () => {
  const result = await madge(SRC, {
    fileExtensions: ['ts'],
    tsConfig: path.resolve(__dirname, '../../tsconfig.json'),
  });
  graph = result.obj();
  circular = result.circular();
}, 120_000);

describe('layering of src/', () => {
  it('reads the whole tree', () => {
    // A resolution failure would make every check below pass on an empty graph.
    expect(Object.keys(graph).length).toBeGreaterThan(150);
    expect(graph['cli/main.ts']?.length).toBeGreaterThan(0);
  });

  it('has no import cycle', () => {
    expect(circular).toEqual([]);
  });

  it('has no import of src/action from outside it', () => {
    const leaks = Object.entries(graph).flatMap(([file, deps]) =>
      file.startsWith('action/')
        ? []
        : deps.filter((d) => d.startsWith('action/')).map((d) => `${file} -> ${d}`),
    );
    expect(leaks).toEqual([]);
  });

  it('has a platform layer that imports no domain', () => {
    const platform = Object.keys(graph).filter((f) => f.startsWith('platform/'));
    expect(platform.length).toBeGreaterThan(0);
    const leaks = platform.flatMap((file) =>
      graph[file]!.filter(
        (d) => !d.startsWith('platform/') && !PLATFORM_MAY_IMPORT.some((allowed) => d.startsWith(allowed)),
      ).map((d) => `${file} -> ${d}`),
    );
    expect(leaks).toEqual([]);
  });
});
