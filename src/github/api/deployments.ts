import type { WriteResult } from '../write-gate.js';
import type { GitHubClient, Rest, RepoRef } from './repo.js';

export type Deployment = Awaited<ReturnType<Rest['repos']['getDeployment']>>['data'];
export type DeploymentStatus = Awaited<ReturnType<Rest['repos']['createDeploymentStatus']>>['data'];
export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface NewDeployment {
  ref: string;
  environment: string;
  description?: string;
  payload?: Record<string, unknown>;
  /** Status contexts that must be green first; GitHub checks all of them when omitted. */
  requiredContexts?: string[];
  productionEnvironment?: boolean;
  transientEnvironment?: boolean;
}

export async function createDeployment(
  client: GitHubClient,
  repo: RepoRef,
  deployment: NewDeployment,
): Promise<WriteResult<Deployment>> {
  return client.writer.write(
    {
      operation: 'repos.createDeployment',
      request: `POST /repos/${repo.owner}/${repo.repo}/deployments`,
      summary: `create deployment of ${deployment.ref} to ${deployment.environment}`,
    },
    async () => {
      const response = await client.octokit.rest.repos.createDeployment({
        ...repo,
        ref: deployment.ref,
        environment: deployment.environment,
        // A canary deploys exactly the ref it was given; GitHub's default would merge the default branch in.
        auto_merge: false,
        ...(deployment.description === undefined ? {} : { description: deployment.description }),
        ...(deployment.payload === undefined ? {} : { payload: deployment.payload }),
        ...(deployment.requiredContexts === undefined
          ? {}
          : { required_contexts: deployment.requiredContexts }),
        ...(deployment.productionEnvironment === undefined
          ? {}
          : { production_environment: deployment.productionEnvironment }),
        ...(deployment.transientEnvironment === undefined
          ? {}
          : { transient_environment: deployment.transientEnvironment }),
      });
      if (response.status !== 201) {
        throw new Error(
          `createDeployment: GitHub answered ${response.status} without creating a deployment: ${JSON.stringify(response.data)}`,
        );
      }
      return response.data as Deployment;
    },
  );
}

export interface NewDeploymentStatus {
  state: DeploymentState;
  description?: string;
  logUrl?: string;
  environmentUrl?: string;
}

export async function createDeploymentStatus(
  client: GitHubClient,
  repo: RepoRef,
  deploymentId: number,
  status: NewDeploymentStatus,
): Promise<WriteResult<DeploymentStatus>> {
  return client.writer.write(
    {
      operation: 'repos.createDeploymentStatus',
      request: `POST /repos/${repo.owner}/${repo.repo}/deployments/${deploymentId}/statuses`,
      summary: `mark deployment ${deploymentId} ${status.state}`,
    },
    async () =>
      (
        await client.octokit.rest.repos.createDeploymentStatus({
          ...repo,
          deployment_id: deploymentId,
          state: status.state,
          ...(status.description === undefined ? {} : { description: status.description }),
          ...(status.logUrl === undefined ? {} : { log_url: status.logUrl }),
          ...(status.environmentUrl === undefined ? {} : { environment_url: status.environmentUrl }),
        })
      ).data,
  );
}
