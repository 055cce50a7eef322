/** `status`: whether a freeze is active, since when, for which release. Reads only. */
import type { FreezeState } from './state.js';
import type { FreezeStateReader } from './state-store.js';

export interface FreezeStatusResult {
  active: boolean;
  release: string | null;
  since: string | null;
  endedAt: string | null;
  state: FreezeState | null;
  source: string;
  /** One line for logs and summaries. */
  summary: string;
}

export async function freezeStatus(reader: FreezeStateReader, now: Date): Promise<FreezeStatusResult> {
  const state = await reader.read();
  if (state === null) {
    return {
      active: false,
      release: null,
      since: null,
      endedAt: null,
      state,
      source: reader.source,
      summary: 'No release freeze has been recorded',
    };
  }
  if (state.active) {
    const hours = ((now.getTime() - Date.parse(state.started_at)) / 3_600_000).toFixed(1);
    const counts = state.counts
      ? `${state.counts.held} PR(s) held, ${state.counts.allowed} allowed`
      : 'start is still labelling pull requests';
    return {
      active: true,
      release: state.release,
      since: state.started_at,
      endedAt: null,
      state,
      source: reader.source,
      summary: `Release freeze for ${state.release} active since ${state.started_at} (${hours} h, started by ${state.actor || 'unknown'}): ${counts}`,
    };
  }
  return {
    active: false,
    release: state.release,
    since: state.started_at,
    endedAt: state.ended_at,
    state,
    source: reader.source,
    summary: `No release freeze active (the last one, for ${state.release}, ran ${state.started_at} to ${state.ended_at ?? 'unknown'})`,
  };
}
