/**
 * The nginx-ingress provider (as by hand: `kubectl annotate ingress spark-trading nginx.ingress.kubernetes.io/canary-weight="25"`
 * and `kubectl scale deployment/...-canary --replicas=0`), by running the real kubectl.
 *
 * Two modes:
 *  - cluster (no `manifest`): the same commands a release engineer types, against the current or given context;
 *  - local (`manifest` given): kubectl's `--local` mode rewrites the Ingress (and Deployment) documents of the
 *    manifest file without a cluster; the other documents of the file are left byte for byte as they were.
 *
 * Replicas: weight 0 scales the canary deployment to 0; a positive weight scales it to 1 only when it has none,
 * so the canary can serve the share it is given; otherwise the replica count is left to the deploy.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigurationError, type TrafficSettings } from '../config/index.js';
import { createCommandRunner, tail, type CommandRunner } from '../platform/command.js';
import { TrafficError, sameWeight, type Share, type TrafficContext, type TrafficProvider } from './types.js';

export type KubectlTrafficSettings = NonNullable<TrafficSettings['kubectl']>;

export const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight';

export interface KubectlProviderDeps {
  runner?: CommandRunner;
  /** Where a relative manifest path is resolved (the workspace). */
  cwd?: string;
  kubectlPath?: string;
  timeoutMs?: number;
}

function scopeArgs(settings: KubectlTrafficSettings): string[] {
  return [
    ...(settings.context ? ['--context', settings.context] : []),
    ...(settings.namespace ? ['--namespace', settings.namespace] : []),
  ];
}

/** The argv of each cluster-mode command (exported so the construction is testable without a cluster). */
export const clusterArgv = {
  annotate: (s: KubectlTrafficSettings, weight: number) => [
    ...scopeArgs(s),
    'annotate',
    'ingress',
    s.ingress,
    `${CANARY_WEIGHT_ANNOTATION}=${weight}`,
    '--overwrite',
  ],
  readWeight: (s: KubectlTrafficSettings) => [
    ...scopeArgs(s),
    'get',
    'ingress',
    s.ingress,
    '-o',
    `jsonpath={.metadata.annotations.${CANARY_WEIGHT_ANNOTATION.replace(/\./g, '\\.')}}`,
  ],
  readReplicas: (s: KubectlTrafficSettings) => [
    ...scopeArgs(s),
    'get',
    'deployment',
    s.deployment!,
    '-o',
    'jsonpath={.spec.replicas}',
  ],
  scale: (s: KubectlTrafficSettings, replicas: number) => [
    ...scopeArgs(s),
    'scale',
    `deployment/${s.deployment!}`,
    `--replicas=${replicas}`,
  ],
};

export const localArgv = {
  annotate: (weight: number) => [
    'annotate',
    '--local',
    '-f',
    '-',
    `${CANARY_WEIGHT_ANNOTATION}=${weight}`,
    '--overwrite',
    '-o',
    'yaml',
  ],
  // `kubectl scale` has no --local; a merge patch of spec.replicas is the same change.
  scale: (replicas: number) => [
    'patch',
    '--local',
    '-f',
    '-',
    '--type',
    'merge',
    '-p',
    JSON.stringify({ spec: { replicas } }),
    '-o',
    'yaml',
  ],
};

export function replicasFor(weight: number, current: number): number {
  if (weight === 0) return 0;
  return current > 0 ? current : 1;
}

function checkWeight(weight: number): void {
  if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw new ConfigurationError(
      `traffic.kubectl: the nginx canary-weight annotation takes a whole percent 0..100, got ${weight}`,
    );
  }
}

interface ManifestDoc {
  start: number;
  end: number;
  kind: unknown;
  name: unknown;
  value: Record<string, unknown> | null;
}

function manifestDocs(text: string, file: string): ManifestDoc[] {
  return parseAllDocuments(text).map((doc, i) => {
    if (!('errors' in doc) || doc.errors.length > 0) {
      throw new ConfigurationError(`traffic.kubectl.manifest: ${file} document ${i + 1} is not valid YAML`);
    }
    const value = doc.toJS() as Record<string, unknown> | null;
    const meta = (value?.metadata ?? {}) as Record<string, unknown>;
    return { start: doc.range[0], end: doc.range[2], kind: value?.kind, name: meta.name, value };
  });
}

/** The one document of `kind` named `name` in the manifest's text; `field` is the setting that named it. */
function findDoc(text: string, file: string, kind: string, name: string, field: string): ManifestDoc {
  const found = manifestDocs(text, file).filter((d) => d.kind === kind && d.name === name);
  if (found.length !== 1) {
    throw new ConfigurationError(
      `traffic.kubectl.${field}: ${file} has ${found.length === 0 ? 'no' : found.length} ${kind} named "${name}" (expected exactly one)`,
    );
  }
  return found[0]!;
}

/** A document's own text, without the `---` that separates it from the one before (what kubectl --local reads). */
function docBody(text: string, doc: ManifestDoc): string {
  return text.slice(doc.start, doc.end).replace(/^---[^\n]*\n/, '');
}

/** The ingress document's canary-weight annotation as written; undefined when it has none. */
function weightAnnotation(ingress: ManifestDoc): unknown {
  const metadata = ingress.value?.metadata as { annotations?: Record<string, unknown> } | undefined;
  return metadata?.annotations?.[CANARY_WEIGHT_ANNOTATION];
}

function replaceDoc(text: string, doc: ManifestDoc, replacement: string): string {
  const original = text.slice(doc.start, doc.end);
  const marker = /^---[^\n]*\n/.exec(original)?.[0] ?? '';
  const body = replacement.endsWith('\n') ? replacement : `${replacement}\n`;
  return text.slice(0, doc.start) + marker + body + text.slice(doc.end);
}

export function createKubectlProvider(
  settings: KubectlTrafficSettings,
  deps: KubectlProviderDeps = {},
): TrafficProvider {
  const runner = deps.runner ?? createCommandRunner();
  const kubectl = deps.kubectlPath ?? 'kubectl';
  const timeoutMs = deps.timeoutMs ?? 60_000;
  const manifest = settings.manifest ? path.resolve(deps.cwd ?? process.cwd(), settings.manifest) : undefined;

  const kube = async (args: string[], input?: string): Promise<string> => {
    const result = await runner.run([kubectl, ...args], {
      timeoutMs,
      ...(input !== undefined ? { input } : {}),
    });
    if (result.exitCode !== 0) {
      throw new TrafficError(
        `traffic.kubectl: kubectl ${args.join(' ')} failed (exit ${result.exitCode}): ${tail(result.stderr || result.stdout)}`,
      );
    }
    return result.stdout;
  };

  const readLocal = async (): Promise<number> => {
    const text = await readFile(manifest!, 'utf8');
    return Number(
      weightAnnotation(findDoc(text, settings.manifest!, 'Ingress', settings.ingress, 'ingress')),
    );
  };

  const readCluster = async (): Promise<number> =>
    Number((await kube(clusterArgv.readWeight(settings))).trim());

  const setLocal = async (weight: number): Promise<{ changed: boolean; notes: string[] }> => {
    let text = await readFile(manifest!, 'utf8');
    const before = text;
    const notes: string[] = [];
    const ingress = findDoc(text, settings.manifest!, 'Ingress', settings.ingress, 'ingress');
    const annotated = await kube(localArgv.annotate(weight), docBody(text, ingress));
    const check = parse(annotated) as { metadata?: { annotations?: Record<string, string> } };
    if (check?.metadata?.annotations?.[CANARY_WEIGHT_ANNOTATION] !== String(weight)) {
      throw new TrafficError(
        `traffic.kubectl: kubectl annotate --local did not produce ${CANARY_WEIGHT_ANNOTATION}=${weight}`,
      );
    }
    const currentAnnotation = weightAnnotation(ingress);
    // An ingress already at this weight is left as written, so a re-run does not reformat the file.
    if (currentAnnotation === undefined || Number(currentAnnotation) !== weight)
      text = replaceDoc(text, ingress, annotated);
    notes.push(`ingress/${settings.ingress} ${CANARY_WEIGHT_ANNOTATION}=${weight}`);
    if (settings.deployment) {
      const deployment = findDoc(text, settings.manifest!, 'Deployment', settings.deployment, 'deployment');
      const current = Number((deployment.value?.spec as Record<string, unknown> | undefined)?.replicas ?? 1);
      const replicas = replicasFor(weight, current);
      if (replicas !== current) {
        const scaled = await kube(localArgv.scale(replicas), docBody(text, deployment));
        text = replaceDoc(text, deployment, scaled);
      }
      notes.push(`deployment/${settings.deployment} replicas=${replicas}`);
    }
    if (text !== before) await writeFile(manifest!, text, 'utf8');
    return { changed: text !== before, notes };
  };

  const setCluster = async (weight: number): Promise<{ changed: boolean; notes: string[] }> => {
    await kube(clusterArgv.annotate(settings, weight));
    const notes = [`ingress/${settings.ingress} ${CANARY_WEIGHT_ANNOTATION}=${weight}`];
    if (settings.deployment) {
      const currentText = (await kube(clusterArgv.readReplicas(settings))).trim();
      const current = currentText === '' ? 0 : Number(currentText);
      const replicas = replicasFor(weight, current);
      if (replicas !== current) await kube(clusterArgv.scale(settings, replicas));
      notes.push(`deployment/${settings.deployment} replicas=${replicas}`);
    }
    return { changed: true, notes };
  };

  return {
    describe: () =>
      `kubectl ingress/${settings.ingress}${manifest ? ` in ${settings.manifest} (--local)` : settings.context ? ` (context ${settings.context})` : ''}`,
    read: async () => (manifest ? readLocal() : readCluster()),
    async set(share: Share, ctx: TrafficContext) {
      checkWeight(share.weight);
      const flowsNote = share.flows
        ? ` (per-flow shares ${JSON.stringify(share.flows)} collapse to one ingress weight)`
        : '';
      if (ctx.dryRun) {
        return {
          applied: false,
          detail: `dry-run: would set ${CANARY_WEIGHT_ANNOTATION}=${share.weight} on ingress/${settings.ingress}${flowsNote}`,
        };
      }
      const { changed, notes } = manifest ? await setLocal(share.weight) : await setCluster(share.weight);
      const readBack = manifest ? await readLocal() : await readCluster();
      if (!sameWeight(readBack, share.weight)) {
        throw new TrafficError(
          `traffic.kubectl: ingress/${settings.ingress} reads canary-weight ${readBack} after setting ${share.weight}`,
        );
      }
      return {
        applied: true,
        changed,
        readBack,
        detail: `${notes.join(', ')}${manifest ? ` in ${settings.manifest}` : ''}${changed ? '' : ' (already so)'}${flowsNote}`,
      };
    },
  };
}
