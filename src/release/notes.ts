/**
 * Release notes (markdown) for the GitHub release: the one-liner, one row per stage run with its decision and
 * duration, and links to the evidence. Deterministic (no "generated at"), so a re-run produces the same body and
 * the release is left untouched.
 */
import { humanDuration, type ReleaseFacts } from '../rca/facts.js';
import { gaAnchorLine, type GaAnchor } from './anchor.js';

export interface EvidenceLink {
  name: string;
  /** Absolute URL, or null when the evidence remote has no web view (then the path is shown). */
  url: string | null;
  path: string;
}

export interface ReleaseNotesInput {
  tag: string;
  sha: string;
  oneliner: string;
  facts: ReleaseFacts;
  evidence: EvidenceLink[];
  /** The GA record's digest: the evidence branch can be checked against this body. */
  anchor: GaAnchor;
  runUrl?: string;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderReleaseNotes(input: ReleaseNotesInput): string {
  const f = input.facts;
  const lines = [
    `**${input.oneliner.trim()}**`,
    '',
    `${f.service} ${input.tag} at \`${input.sha}\`: canary ${f.outcome} after ${f.stagesPassed}/${f.stagesPlanned} stages (${f.ramp}), ${f.rollbacks} rollback(s), ${humanDuration(f.duration_s)}.`,
    '',
    '## Stages',
    '',
    '| # | Stage | Traffic | Decision | Duration | Holds | Sign-off | Reason |',
    '|---|---|---|---|---|---|---|---|',
    ...f.stages.map(
      (r) =>
        `| ${r.number} | ${cell(r.name)} | ${cell(r.traffic)} | ${r.decision} | ${humanDuration(r.duration_s)} | ${r.holds} | ${cell(r.approver ?? '—')} | ${cell(r.reason)} |`,
    ),
    '',
    '## Evidence',
    '',
    ...input.evidence.map((e) => (e.url ? `- [${e.name}](${e.url})` : `- \`${e.path}\``)),
    '',
    '## Integrity',
    '',
    gaAnchorLine(input.anchor),
    '',
    `Check the evidence branch against it: \`canary-conductor verify-evidence <repository> --release ${input.tag}\` (or \`--tag ${input.tag}\`).`,
  ];
  if (input.runUrl) lines.push('', `Run: ${input.runUrl}`);
  return `${lines.join('\n')}\n`;
}
