/** The preflight routes (pull reviews, check runs) served in front of a running GitHub emulator. */
import type { GitHubEmulator } from '../github-emulator/index.js';
import { startRouteFront, type EmulatorFront } from '../github-emulator/front.js';
import { PREFLIGHT_ROUTES } from '../github-emulator/preflight-routes.js';

export type { EmulatorFront };

export function startEmulatorFront(emulator: GitHubEmulator): Promise<EmulatorFront> {
  return startRouteFront(emulator, PREFLIGHT_ROUTES);
}
