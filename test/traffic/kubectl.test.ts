/**
 * The kubectl provider against the real kubectl binary in --local mode (no cluster needed). Cluster mode runs the
 * same commands without --local; here only its argv construction is checked, as there is no cluster to run on.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ConfigurationError } from '../../src/config/index.js';
import { clusterArgv, createKubectlProvider } from '../../src/traffic/kubectl.js';

const CONFIGMAP = `---
# routing notes kept by the SRE team
apiVersion: v1
kind: ConfigMap
metadata: { name: routing-notes }
data:
  owner: "sre"   # do not touch
`;
const INGRESS = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: spark-trading-canary
  namespace: trading
  annotations:
    nginx.ingress.kubernetes.io/canary: "true"
    nginx.ingress.kubernetes.io/canary-weight: "0"
spec:
  rules:
    - host: api.example
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: { service: { name: spark-canary, port: { number: 80 } } }
`;
const DEPLOYMENT = `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: spark-trading-api-canary
  namespace: trading
spec:
  replicas: 2
  selector: { matchLabels: { app: spark } }
  template:
    metadata: { labels: { app: spark } }
    spec:
      containers: [{ name: api, image: "spark-trading:v1.4.0" }]
`;

interface KubeDoc {
  metadata: { annotations?: Record<string, string> };
  spec: { replicas?: number };
  data?: Record<string, string>;
}

function docsOf(text: string): KubeDoc[] {
  return parseAllDocuments(text).map((d) => ('toJS' in d ? d.toJS() : {}) as KubeDoc);
}

describe('kubectl traffic provider (--local, real kubectl)', () => {
  let dir: string;
  let manifest: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'canary-kube-'));
    manifest = path.join(dir, 'canary.yaml');
    await writeFile(manifest, CONFIGMAP + INGRESS + DEPLOYMENT);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sets the nginx canary-weight annotation on the ingress only, and leaves other documents byte for byte', async () => {
    const provider = createKubectlProvider(
      { ingress: 'spark-trading-canary', manifest: 'canary.yaml' },
      { cwd: dir },
    );
    const r = await provider.set({ weight: 25 }, { version: '1.4.0', stage: 'quarter' });
    expect(r).toMatchObject({ applied: true, changed: true, readBack: 25 });
    const text = await readFile(manifest, 'utf8');
    const [cm, ingress, deployment] = docsOf(text);
    expect(ingress!.metadata.annotations?.['nginx.ingress.kubernetes.io/canary-weight']).toBe('25');
    expect(ingress!.metadata.annotations?.['nginx.ingress.kubernetes.io/canary']).toBe('true');
    expect(deployment!.metadata.annotations).toBeUndefined();
    expect(cm!.data?.owner).toBe('sre');
    expect(text.startsWith(CONFIGMAP)).toBe(true);
    expect(text.endsWith(DEPLOYMENT)).toBe(true);
    expect(await provider.read!({ version: '1.4.0' })).toBe(25);
  });

  it('scales the canary deployment to 0 at weight 0, and a re-run changes nothing', async () => {
    const provider = createKubectlProvider(
      { ingress: 'spark-trading-canary', deployment: 'spark-trading-api-canary', manifest: 'canary.yaml' },
      { cwd: dir },
    );
    await provider.set({ weight: 25 }, { version: '1.4.0' });
    expect(docsOf(await readFile(manifest, 'utf8'))[2]!.spec.replicas).toBe(2);
    const first = await provider.set({ weight: 0 }, { version: '1.4.0' });
    expect(first.detail).toContain('deployment/spark-trading-api-canary replicas=0');
    const afterRollback = await readFile(manifest, 'utf8');
    expect(docsOf(afterRollback)[2]!.spec.replicas).toBe(0);
    expect(
      docsOf(afterRollback)[1]!.metadata.annotations?.['nginx.ingress.kubernetes.io/canary-weight'],
    ).toBe('0');
    const again = await provider.set({ weight: 0 }, { version: '1.4.0' });
    expect(again.changed).toBe(false);
    expect(await readFile(manifest, 'utf8')).toBe(afterRollback);
    // Back to a positive weight: the canary gets one replica to serve it.
    await provider.set({ weight: 1 }, { version: '1.4.0' });
    expect(docsOf(await readFile(manifest, 'utf8'))[2]!.spec.replicas).toBe(1);
  });

  it('refuses weights the annotation cannot hold, and an ingress the manifest does not have', async () => {
    const provider = createKubectlProvider(
      { ingress: 'spark-trading-canary', manifest: 'canary.yaml' },
      { cwd: dir },
    );
    await expect(provider.set({ weight: 0.5 }, { version: '1.4.0' })).rejects.toThrow(
      /whole percent 0..100, got 0.5/,
    );
    const wrong = createKubectlProvider({ ingress: 'spark-trading', manifest: 'canary.yaml' }, { cwd: dir });
    await expect(wrong.set({ weight: 5 }, { version: '1.4.0' })).rejects.toThrow(ConfigurationError);
    await expect(wrong.set({ weight: 5 }, { version: '1.4.0' })).rejects.toThrow(
      /no Ingress named "spark-trading"/,
    );
  });

  it('builds the cluster-mode commands of the runbook (argv only: no cluster here)', () => {
    const s = {
      ingress: 'spark-trading',
      namespace: 'trading',
      context: 'prod',
      deployment: 'spark-trading-api-canary',
    };
    expect(clusterArgv.annotate(s, 5)).toEqual([
      '--context',
      'prod',
      '--namespace',
      'trading',
      'annotate',
      'ingress',
      'spark-trading',
      'nginx.ingress.kubernetes.io/canary-weight=5',
      '--overwrite',
    ]);
    expect(clusterArgv.scale(s, 0)).toEqual([
      '--context',
      'prod',
      '--namespace',
      'trading',
      'scale',
      'deployment/spark-trading-api-canary',
      '--replicas=0',
    ]);
    expect(clusterArgv.readWeight({ ingress: 'x' })).toEqual([
      'get',
      'ingress',
      'x',
      '-o',
      'jsonpath={.metadata.annotations.nginx\\.ingress\\.kubernetes\\.io/canary-weight}',
    ]);
  });
});
