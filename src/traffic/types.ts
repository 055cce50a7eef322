/** One interface for every way a canary's traffic share is changed (feature flag, ingress, GitOps, a command). */
import type { TrafficShare } from '../config/index.js';

export interface Share {
  /** The whole-canary weight in percent (with flows: the largest flow share). */
  weight: number;
  /** Per-flow shares in percent (`{ market_making: 1, agency: 0.5 }`). */
  flows?: Record<string, number>;
}

export interface TrafficContext {
  version: string;
  stage?: string;
  service?: string;
  /** Describe what would change; change nothing. */
  dryRun?: boolean;
}

export type ReadBack = number | Record<string, number>;

export interface TrafficResult {
  /** The share is in effect (false only in dry-run). */
  applied: boolean;
  /** False when the provider found the share already in place and wrote nothing (a re-run). */
  changed?: boolean;
  /** What the provider reads back after the write, where it can. */
  readBack?: ReadBack;
  /** One line for logs, summaries and evidence. Never holds a credential. */
  detail: string;
}

export interface TrafficProvider {
  set(share: Share, ctx: TrafficContext): Promise<TrafficResult>;
  read?(ctx: TrafficContext): Promise<ReadBack>;
  describe(): string;
}

/** A stage's `traffic` (a weight or per-flow shares) as a Share. */
export function shareOf(traffic: TrafficShare): Share {
  if (typeof traffic === 'number') return { weight: traffic };
  return { weight: Math.max(0, ...Object.values(traffic)), flows: { ...traffic } };
}

export function formatShare(share: Share): string {
  if (!share.flows) return `${share.weight}%`;
  return Object.entries(share.flows)
    .map(([flow, w]) => `${flow} ${w}%`)
    .join(', ');
}

export class TrafficError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrafficError';
  }
}

/** Read-backs are compared with a tolerance for providers that store weights as text or floats. */
export function sameWeight(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-9;
}
