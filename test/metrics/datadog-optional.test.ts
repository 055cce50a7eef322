/**
 * The Datadog client is an optional peer dependency of the CLI package: without it a read fails closed and names
 * what to install, and any other failure to load it is reported as itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datadogClientMissing } from '../../src/metrics/datadog.js';

describe('a Datadog read without the client package', () => {
  it('fails closed naming the package and the command that installs it', () => {
    // The version named is the one package.json asks for.
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
      peerDependencies: Record<string, string>;
    };
    expect(manifest.peerDependencies['@datadog/datadog-api-client']).toBe('1.64.0');
    const missing = Object.assign(new Error("Cannot find package '@datadog/datadog-api-client'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    expect(datadogClientMissing(missing)).toEqual({
      ok: false,
      reason: 'query-error',
      detail:
        'metrics.datadog needs the package @datadog/datadog-api-client, an optional dependency of canary-conductor: npm install @datadog/datadog-api-client@1.64.0',
    });
  });

  it('reports any other loading failure as itself', () => {
    expect(datadogClientMissing(new SyntaxError('Unexpected token')).detail).toBe(
      'the Datadog client could not be loaded: Unexpected token',
    );
  });
});
