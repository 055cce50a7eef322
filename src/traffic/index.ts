/** Traffic providers: the one interface (types.ts), the registry that builds the plan's provider, and the providers. */
export * from './types.js';
export { createTrafficProvider, trafficKind, trafficRehearsal, type TrafficDeps } from './registry.js';
export { createHttpProvider } from './http.js';
export { createKubectlProvider, clusterArgv, localArgv } from './kubectl.js';
export { createGitopsProvider } from './gitops.js';
export { createRunProvider } from './run.js';
export { createCommandRunner, type CommandRunner } from '../platform/command.js';
