/**
 * `canary_timeline.txt` (`T0=...` when stage 1 opens, `T90=...` with the status when the canary
 * completes). The label is minutes since T0, and T0 is whatever the branch holds when the push is (re)tried, so
 * the change is computed from the current file rather than rendered up front.
 */
import type { EvidenceChange } from './push.js';
import { renderEvidence, type TemplateSource } from './render.js';

export interface TimelineEntry {
  version: string;
  at: Date;
  lines: string[];
  runUrl?: string;
}

export function timelineLabel(current: string | null, at: Date): string {
  const t0 = /^T0=(\S+)$/m.exec(current ?? '')?.[1];
  const start = t0 ? Date.parse(t0) : Number.NaN;
  return Number.isFinite(start) ? `T${Math.max(0, Math.round((at.getTime() - start) / 60_000))}` : 'T0';
}

export function timelineChange(
  entry: TimelineEntry,
  options: { templates: TemplateSource; dir: string },
): EvidenceChange {
  const render = (label: string) =>
    renderEvidence(
      'canary_timeline',
      {
        version: entry.version,
        label,
        lines: entry.lines,
        ...(entry.runUrl ? { run_url: entry.runUrl } : {}),
      },
      { clock: { now: () => entry.at }, templates: options.templates, dir: options.dir },
    );
  return {
    path: render('T0').path,
    update: (current) => {
      const content = render(timelineLabel(current, entry.at)).content;
      const before = current ?? '';
      // A re-run job stamps the same entry again: converge instead of duplicating it.
      if (before.endsWith(content)) return before;
      return before + (before === '' || before.endsWith('\n') ? '' : '\n') + content;
    },
  };
}
