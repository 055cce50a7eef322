/**
 * Plan commands run by a real `sh`: placeholders arrive as data whatever the value and wherever the placeholder
 * stands, and the command sees a minimal environment plus what its `env:` names.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/index.js';
import { minimalEnvironment } from '../../src/commands/environment.js';
import { preparePlanCommand } from '../../src/commands/plan-command.js';
import { renderShellCommand } from '../../src/commands/shell-placeholders.js';
import { createCommandRunner } from '../../src/platform/command.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runner = createCommandRunner({ cwd: dir, timeoutMs: 10_000 });

const HOSTILE = [
  'pilot; touch INJECTED',
  'v1.0.0;touch${IFS}INJECTED;#',
  '$(touch INJECTED)',
  '`touch INJECTED`',
  "x' ; touch INJECTED ; echo '",
  'x" ; touch INJECTED ; echo "',
  'a\\"; touch INJECTED',
];

const JOB_ENV = {
  PATH: process.env.PATH,
  HOME: '/home/runner',
  LANG: 'C.UTF-8',
  CI: 'true',
  GITHUB_REPOSITORY: 'acme/spark-trading-api',
  GITHUB_RUN_ID: '4242',
  GITHUB_TOKEN: 'ghs-fake-job-token-0a1b2c',
  GITHUB_OUTPUT: '/tmp/runner/output',
  GITHUB_ENV: '/tmp/runner/env',
  GITHUB_STEP_SUMMARY: '/tmp/runner/summary',
  PROM_TOKEN: 'prom-fake-token-3d4e5f',
  CANARY_WEBHOOK_URL: 'https://hooks.example.test/services/T000/B000/fakewebhook',
  KUBECONFIG: '/home/runner/.kube/config',
};

async function run(template: string, value: string) {
  const prepared = preparePlanCommand(template, {
    context: { stage: value, version: '1.4.0' },
    field: 'rollback.run[0]',
    envField: 'rollback.env',
    parentEnv: JOB_ENV,
  });
  return runner.run(prepared.command, { env: prepared.env });
}

describe('placeholders are data, not shell', () => {
  const templates = [
    ["bare: printf '%s' {{stage}}", "printf '%s' {{stage}}"],
    ['inside double quotes', `printf '%s' "stage={{stage}}"`],
    ['inside single quotes', `printf '%s' 'stage={{stage}}'`],
    ['after an escaped quote', `printf '%s' \\"{{stage}}`],
  ] as const;

  for (const [where, template] of templates) {
    it(`${where}: every hostile value is one argument, verbatim, and creates no file`, async () => {
      for (const value of HOSTILE) {
        const r = await run(template, value);
        expect(r.exitCode, `${value}: ${r.stderr}`).toBe(0);
        const prefix = template.includes('stage=') ? 'stage=' : template.includes('\\"') ? '"' : '';
        expect(r.stdout, value).toBe(`${prefix}${value}`);
        expect(existsSync(join(dir, 'INJECTED')), value).toBe(false);
      }
    });
  }

  it('the script names variables; the shown command carries the values for people to read', () => {
    const c = renderShellCommand(
      `./scale.sh {{weight}} "{{stage}}" '{{version}}'`,
      {
        weight: 0,
        stage: 'pilot',
        version: '1.4.0',
      },
      'rollback.run[0]',
    );
    expect(c.script).toBe(`./scale.sh "\${CANARY_WEIGHT}" "\${CANARY_STAGE}" ''"\${CANARY_VERSION}"''`);
    expect(c.shown).toBe(`./scale.sh 0 "pilot" '1.4.0'`);
  });

  it('an argv command gets the values as items, no shell involved', async () => {
    const prepared = preparePlanCommand(['printf', '%s', '{{stage}}'], {
      context: { stage: HOSTILE[1]! },
      field: 'traffic.run',
      envField: 'traffic.env',
      parentEnv: JOB_ENV,
    });
    const r = await runner.run(prepared.command, { env: prepared.env });
    expect(r.stdout).toBe(HOSTILE[1]);
    expect(existsSync(join(dir, 'INJECTED'))).toBe(false);
  });

  it('a placeholder without a value is an error naming the field, as before', () => {
    expect(() =>
      renderShellCommand('echo {{previous_tag}}', { version: '1' }, 'preflight[2] (x).run'),
    ).toThrow(/preflight\[2\] \(x\)\.run: \{\{previous_tag\}\} has no value in this run/);
  });
});

describe('the environment of a plan command', () => {
  const envOf = async (spec?: readonly string[] | Record<string, string>) => {
    const prepared = preparePlanCommand('env', {
      context: { version: '1.4.0', stage: 'pilot', weight: 5 },
      field: 'rollback.run[0]',
      envSpec: spec,
      envField: 'rollback.env',
      parentEnv: JOB_ENV,
    });
    const r = await runner.run(prepared.command, { env: prepared.env });
    return Object.fromEntries(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
  };

  it('holds PATH, HOME, LANG, CI, non-secret GITHUB_* and the CANARY_* context, and no secret', async () => {
    const env = await envOf();
    expect(env).toMatchObject({
      HOME: '/home/runner',
      LANG: 'C.UTF-8',
      CI: 'true',
      GITHUB_REPOSITORY: 'acme/spark-trading-api',
      GITHUB_RUN_ID: '4242',
      CANARY_VERSION: '1.4.0',
      CANARY_STAGE: 'pilot',
      CANARY_WEIGHT: '5',
    });
    for (const name of ['GITHUB_TOKEN', 'PROM_TOKEN', 'CANARY_WEBHOOK_URL', 'KUBECONFIG']) {
      expect(env[name], name).toBeUndefined();
    }
    // The runner's file commands would let a command set outputs and env of later steps behind the masker.
    for (const name of ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY'])
      expect(env[name], name).toBeUndefined();
    expect(minimalEnvironment(JOB_ENV)).not.toHaveProperty('GITHUB_TOKEN');
  });

  it('env: [NAME] passes a job variable through; env: { NAME: value } sets one', async () => {
    expect(await envOf(['KUBECONFIG'])).toMatchObject({ KUBECONFIG: '/home/runner/.kube/config' });
    expect(await envOf({ AWS_PROFILE: 'canary' })).toMatchObject({ AWS_PROFILE: 'canary' });
  });

  it('a variable env: names that the job does not set is an error naming the field', () => {
    expect(() =>
      preparePlanCommand('true', {
        context: {},
        field: 'rollback.run[0]',
        envSpec: ['ROLLBACK_KUBECONFIG'],
        envField: 'rollback.env',
        parentEnv: JOB_ENV,
      }),
    ).toThrow(ConfigurationError);
    expect(() =>
      preparePlanCommand('true', {
        context: {},
        field: 'rollback.run[0]',
        envSpec: ['ROLLBACK_KUBECONFIG'],
        envField: 'rollback.env',
        parentEnv: JOB_ENV,
      }),
    ).toThrow(/^rollback\.env\[0\]: environment variable ROLLBACK_KUBECONFIG is not set in this job/);
  });
});
