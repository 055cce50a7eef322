/** Moved to src/github-emulator (simulate runs on the emulator); tests import it from here as before. */
export * from '../../src/github-emulator/preflight-routes.js';
