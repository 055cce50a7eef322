/**
 * The GitHub emulator for tests: the runtime lives in src/github-emulator (simulate runs on it too); here every
 * emulator a test starts checks request bodies against GitHub's OpenAPI description (test/contract), unless the
 * test turns that off with `validateRequests: false`.
 */
import { sharedValidator } from '../contract/openapi-validator.js';
import {
  startGitHubEmulator as startRuntime,
  type GitHubEmulator,
  type GitHubEmulatorOptions,
} from '../../src/github-emulator/index.js';

export * from '../../src/github-emulator/index.js';

export interface TestEmulatorOptions extends GitHubEmulatorOptions {
  /** Refuse request bodies that the OpenAPI description rejects, with 422 as GitHub does. Default true. */
  validateRequests?: boolean;
}

export function startGitHubEmulator(options: TestEmulatorOptions = {}): Promise<GitHubEmulator> {
  const { validateRequests = true, ...rest } = options;
  return startRuntime({
    ...(validateRequests
      ? {
          validateRequestBody: (operationId, body) =>
            sharedValidator().validateRequestBody(operationId, body),
        }
      : {}),
    ...rest,
  });
}
