#!/usr/bin/env node
// Derives the small, committed subset of GitHub's official OpenAPI description that the GitHub
// emulator is held to (test/contract/github-openapi-subset.json).
//
// @octokit/openapi unpacks to ~385 MB, so it is never a dependency of this repository: the script
// installs it into a scratch directory outside the repo, keeps only the operations this project
// calls (plus every component schema they reach), and rewrites OpenAPI 3.0 `nullable` into JSON
// Schema so ajv can compile it.
//
// Usage: node scripts/derive-github-openapi.mjs [--version 23.0.2] [--spec-dir /tmp/octokit-openapi]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outputPath = join(repoRoot, 'test/contract/github-openapi-subset.json');

/** Every GitHub REST operation the project (and so the emulator) uses: [method, path]. */
export const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}'],
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/files'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/labels'],
  ['delete', '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues'],
  ['get', '/repos/{owner}/{repo}/issues'],
  ['post', '/repos/{owner}/{repo}/statuses/{sha}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/status'],
  ['get', '/repos/{owner}/{repo}/git/ref/{ref}'],
  ['post', '/repos/{owner}/{repo}/git/refs'],
  ['patch', '/repos/{owner}/{repo}/git/refs/{ref}'],
  ['post', '/repos/{owner}/{repo}/git/tags'],
  ['post', '/repos/{owner}/{repo}/releases'],
  ['get', '/repos/{owner}/{repo}/releases/tags/{tag}'],
  ['patch', '/repos/{owner}/{repo}/releases/{release_id}'],
  ['post', '/repos/{owner}/{repo}/deployments'],
  ['post', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses'],
  ['put', '/repos/{owner}/{repo}/environments/{environment_name}'],
  ['get', '/repos/{owner}/{repo}/environments/{environment_name}'],
  ['get', '/repos/{owner}/{repo}/actions/runs/{run_id}/approvals'],
  ['get', '/repos/{owner}/{repo}/contents/{path}'],
  // Read by the `github` preflight check (test/github-emulator/preflight-routes.ts).
  ['get', '/repos/{owner}/{repo}/pulls/{pull_number}/reviews'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/check-runs'],
  // The freeze's merge block (test/github-emulator/ruleset-routes.ts).
  ['get', '/repos/{owner}/{repo}/rulesets'],
  ['post', '/repos/{owner}/{repo}/rulesets'],
  ['get', '/repos/{owner}/{repo}/rulesets/{ruleset_id}'],
  ['delete', '/repos/{owner}/{repo}/rulesets/{ruleset_id}'],
];

function parseArgs(argv) {
  const args = { version: '23.0.2', specDir: '/tmp/octokit-openapi' };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--version' && value) args.version = value;
    else if (flag === '--spec-dir' && value) args.specDir = value;
    else throw new Error(`unknown or incomplete argument "${flag}"; expected --version X or --spec-dir DIR`);
    i += 1;
  }
  if (args.specDir.startsWith(repoRoot)) {
    throw new Error(`--spec-dir must be outside the repository (${repoRoot}); the package is ~385 MB`);
  }
  return args;
}

function loadSpec({ version, specDir }) {
  const specFile = join(specDir, 'node_modules/@octokit/openapi/generated/api.github.com.json');
  const installedVersion = existsSync(specFile)
    ? JSON.parse(readFileSync(join(specDir, 'node_modules/@octokit/openapi/package.json'), 'utf8')).version
    : undefined;
  if (installedVersion !== version) {
    mkdirSync(specDir, { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', specDir, '--no-audit', '--no-fund', '--no-save', `@octokit/openapi@${version}`],
      {
        stdio: 'inherit',
      },
    );
  }
  return JSON.parse(readFileSync(specFile, 'utf8'));
}

// OpenAPI-only or documentation-only keywords that ajv (strict) rejects or that only add bulk.
const DROPPED_KEYWORDS = new Set([
  'description',
  'example',
  'examples',
  'externalDocs',
  'xml',
  'deprecated',
  'readOnly',
  'writeOnly',
  'title',
  'discriminator',
]);

/**
 * Rewrites one OpenAPI 3.0 schema object into JSON Schema (draft 7 as ajv reads it): `nullable`
 * becomes a `null` type (or an anyOf with null when the schema has no `type`, e.g. `allOf: [$ref]`),
 * component refs stay `#/components/schemas/...`, and documentation keywords are dropped.
 */
export function toJsonSchema(schema, refs) {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, refs));
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-') || key === 'nullable') continue;
    if (key === '$ref') {
      const match = /^#\/components\/schemas\/(.+)$/.exec(value);
      if (!match) throw new Error(`unsupported $ref ${value}`);
      refs.add(match[1]);
      out.$ref = value;
    } else if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub, refs)]),
      );
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'boolean' ? value : toJsonSchema(value, refs);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = value.map((sub) => toJsonSchema(sub, refs));
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function resolveResponse(spec, response) {
  if (response.$ref) {
    const name = /^#\/components\/responses\/(.+)$/.exec(response.$ref)?.[1];
    if (!name || !spec.components.responses[name]) throw new Error(`unresolvable response ${response.$ref}`);
    return spec.components.responses[name];
  }
  return response;
}

function jsonSchemaOf(content) {
  if (!content) return undefined;
  const media = content['application/json'] ?? content['application/scim+json'];
  return media?.schema;
}

export function deriveSubset(spec) {
  const refs = new Set();
  const operations = {};
  for (const [method, path] of OPERATIONS) {
    const op = spec.paths[path]?.[method];
    if (!op) throw new Error(`operation ${method.toUpperCase()} ${path} is not in the OpenAPI description`);
    const responses = {};
    for (const [status, raw] of Object.entries(op.responses)) {
      const schema = jsonSchemaOf(resolveResponse(spec, raw).content);
      responses[status] = schema === undefined ? null : toJsonSchema(schema, refs);
    }
    const requestSchema = jsonSchemaOf(op.requestBody?.content);
    operations[op.operationId] = {
      method: method.toUpperCase(),
      path,
      responses,
      requestBody: requestSchema === undefined ? null : toJsonSchema(requestSchema, refs),
    };
  }
  // Component schemas reference each other; follow refs until closed.
  const schemas = {};
  const pending = [...refs];
  while (pending.length > 0) {
    const name = pending.pop();
    if (schemas[name]) continue;
    const raw = spec.components.schemas[name];
    if (!raw) throw new Error(`component schema ${name} is missing`);
    const found = new Set();
    schemas[name] = toJsonSchema(raw, found);
    for (const ref of found) if (!schemas[ref]) pending.push(ref);
  }
  const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return {
    source: {
      package: '@octokit/openapi',
      file: 'generated/api.github.com.json',
      apiVersion: spec.info.version,
      openapi: spec.openapi,
    },
    operations,
    components: { schemas: sortedSchemas },
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const spec = loadSpec(args);
  const subset = deriveSubset(spec);
  subset.source.packageVersion = args.version;
  mkdirSync(dirname(outputPath), { recursive: true });
  writeFileSync(outputPath, `${JSON.stringify(subset, null, 1)}\n`);
  const size = readFileSync(outputPath).length;
  console.log(
    `wrote ${outputPath}: ${Object.keys(subset.operations).length} operations, ` +
      `${Object.keys(subset.components.schemas).length} component schemas, ${(size / 1024).toFixed(0)} KiB`,
  );
}
