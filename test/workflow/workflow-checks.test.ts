import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

const lint = (...files: string[]) =>
  spawnSync(process.execPath, ['scripts/lint-workflows.mjs', ...files], { encoding: 'utf8' });
const scratch = '.tmp/workflow-checks';

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('workflow checks (actionlint, shellcheck, local action contracts)', () => {
  it('every workflow of the project lints clean under the three checks', () => {
    const r = lint();
    expect(r.stderr + r.stdout).toMatch(/workflows clean: \d+ file\(s\)/);
    expect(r.status).toBe(0);
  });

  it('each check catches what it is for', () => {
    mkdirSync(scratch, { recursive: true });
    const file = `${scratch}/bad.yml`;
    writeFileSync(
      file,
      `name: bad
on: workflow_dispatch
permissions: {}
jobs:
  one:
    runs-on: ubuntu-latest
    steps:
      - id: plan
        uses: ./actions/plan
        with:
          config: .github/canary.yml
          colour: blue
      - run: echo \${{ steps.plan.outputs.no-such-output }}
      - run: cd $HOME/somewhere; ls \`pwd\`
      - run: echo \${{ github.event.no_such_context.x }} \${{ nosuch.x }}
`,
    );
    const r = lint(file);
    expect(r.status).toBe(1);
    const out = r.stderr;
    expect(out).toMatch(/\.\/actions\/plan has no input "colour"/);
    expect(out).toMatch(/\.\/actions\/plan needs the required input "version"/);
    expect(out).toMatch(/reads steps\.plan\.outputs\.no-such-output, but actions\/plan declares no output/);
    expect(out).toMatch(/shellcheck .*SC2086|shellcheck .*SC2164/);
    expect(out).toMatch(/actionlint \[expression\].*nosuch/);
  });
});
