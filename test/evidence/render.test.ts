import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config/errors.js';
import {
  createTemplateSource,
  EVIDENCE_KINDS,
  EVIDENCE_KIND_NAMES,
  findBuiltInTemplatesDir,
  renderEvidence,
} from '../../src/evidence/render.js';
import { fixedClock, tempRoot } from '../git/helpers.js';
import { VIEWS } from './views.js';

const clock = fixedClock('2026-05-16T21:15:07.250Z');
const templates = createTemplateSource();
const opts = { clock, templates, dir: 'evidence/1.4.0' };
const tmp = tempRoot('render-');
afterAll(() => tmp.cleanup());

describe('evidence templates', () => {
  it('has a built-in template for every evidence file a release writes', () => {
    const files = readdirSync(findBuiltInTemplatesDir()).sort();
    expect(files).toEqual(
      Object.values(EVIDENCE_KINDS)
        .map((k) => k.template)
        .sort(),
    );
    expect(EVIDENCE_KIND_NAMES).toHaveLength(11);
  });

  it('names files as the runbooks do', () => {
    const names = EVIDENCE_KIND_NAMES.map((kind) => renderEvidence(kind, VIEWS[kind], opts).path);
    expect(names).toEqual([
      'evidence/1.4.0/freeze_window_start.txt',
      'evidence/1.4.0/preflight.txt',
      'evidence/1.4.0/rollout_stage_1.txt',
      'evidence/1.4.0/summary_stage_1.txt',
      'evidence/1.4.0/warroom_log.txt',
      'evidence/1.4.0/canary_timeline.txt',
      'evidence/1.4.0/rollback_20260516_211507.txt',
      'evidence/1.4.0/canary_success_20260516_211507.txt',
      'evidence/1.4.0/mini_rca_1.4.0.md',
      'evidence/1.4.0/release_oneliner.txt',
      'evidence/1.4.0/freeze_window_end.txt',
    ]);
  });

  it('renders the war-room line in the runbook format, appended', () => {
    const line = renderEvidence('warroom_log', VIEWS.warroom_log, opts);
    expect(line.content).toBe(
      ':15 | Stage 1 (1%) | p95=142ms 5xx=0.2% accept=+3% mem=41% | 4/4 PASS | IC: Proceed\n',
    );
    expect(line.mode).toBe('append');
    expect(renderEvidence('canary_timeline', VIEWS.canary_timeline, opts).content).toBe(
      'T90=2026-05-16T21:15:07Z\nStage: 5 (100%)\nStatus: Complete\nRollbacks: 0\n',
    );
  });

  it('renders the same bytes for the same inputs, with timestamps from the clock', () => {
    for (const kind of EVIDENCE_KIND_NAMES) {
      const a = renderEvidence(kind, VIEWS[kind], opts);
      const b = renderEvidence(kind, structuredClone(VIEWS[kind]), {
        ...opts,
        clock: fixedClock('2026-05-16T21:15:07.250Z'),
      });
      expect(b).toEqual(a);
    }
    const later = renderEvidence('freeze_window_start', VIEWS.freeze_window_start, {
      ...opts,
      clock: fixedClock('2026-05-17T08:00:00Z'),
    });
    expect(later.content).toContain('Timestamp: 2026-05-17T08:00:00Z');
  });

  it('does not HTML-escape text evidence', () => {
    const out = renderEvidence('rollout_stage', VIEWS.rollout_stage, opts).content;
    expect(out).toContain('threshold=< 200');
    expect(out).not.toContain('&lt;');
    expect(out).toContain('[PASS] accept_errors: canary=0.0031 baseline=0.0030 threshold=+25%');
  });

  it('a plan template folder overrides by file name and leaves the others built-in', () => {
    const dir = path.join(tmp.dir, 'templates');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'release_oneliner.txt.mustache'),
      'ACME {{release}} {{outcome}} {{timestamp}}\n',
    );
    const source = createTemplateSource({ overrideDir: dir });
    expect(
      renderEvidence('release_oneliner', VIEWS.release_oneliner, { ...opts, templates: source }).content,
    ).toBe('ACME v1.4.0 SUCCESS 2026-05-16T21:15:07Z\n');
    expect(renderEvidence('preflight', VIEWS.preflight, { ...opts, templates: source }).content).toBe(
      renderEvidence('preflight', VIEWS.preflight, opts).content,
    );
  });

  it('an override that uses a value the view lacks is an error, not an empty string', () => {
    const dir = path.join(tmp.dir, 'bad');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'release_oneliner.txt.mustache'), '{{release}} owner={{owner}}\n');
    expect(() =>
      renderEvidence('release_oneliner', VIEWS.release_oneliner, {
        ...opts,
        templates: createTemplateSource({ overrideDir: dir }),
      }),
    ).toThrow(/uses \{\{owner\}\} but the view has no value/);
  });

  it('names missing view fields and a missing override folder', () => {
    const { weight: _w, ...noWeight } = VIEWS.rollout_stage;
    expect(() => renderEvidence('rollout_stage', noWeight, opts)).toThrow(ConfigurationError);
    expect(() => renderEvidence('rollout_stage', noWeight, opts)).toThrow(/view\.weight/);
    expect(() => createTemplateSource({ overrideDir: path.join(tmp.dir, 'nope') })).toThrow(
      /evidence\.templates: .* is not a directory/,
    );
  });
});
