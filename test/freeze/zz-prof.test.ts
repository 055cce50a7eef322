import { it } from 'vitest';
import { startGitHubEmulator } from '../github-emulator/index.js';
import { clientForEmulator } from '../github-emulator/client.js';
import { bareRepo, emulatorClock, FREEZE, mixedPulls, PLAN, seedOf } from './support.js';
import { startFreeze } from '../../src/freeze/start.js';
import { createWritePacer } from '../../src/freeze/pacer.js';
import { gitEvidenceWriter } from '../../src/freeze/evidence.js';
import { gitStateReader } from '../../src/freeze/state-store.js';
import { createTemplateSource } from '../../src/evidence/render.js';
it('prof', async () => {
  const emu = await startGitHubEmulator({ seed: { pulls: seedOf(mixedPulls(200)) }, clockScale: 2000, policy: true });
  const ev = bareRepo();
  const { client, repo, log } = clientForEmulator(emu);
  const clock = emulatorClock(emu);
  const t0 = performance.now();
  const lines: string[] = [];
  const r = await startFreeze({ github: client, repo, freeze: FREEZE, pacer: createWritePacer({ clock, log: (l) => lines.push(`${(performance.now()-t0).toFixed(0)} ${l}`) }), clock, actor: 'x', runUrl: '', log: (l) => lines.push(`${(performance.now()-t0).toFixed(0)} ${l}`) },
   { version: '1.4.0', release: 'v1.4.0', service: 's', stateReader: gitStateReader({ remote: ev.dir, branch: 'canary-evidence' }), evidence: gitEvidenceWriter({ remote: ev.dir, branch: 'canary-evidence' }), evidenceContext: { templates: createTemplateSource(), evidenceDir: 'e', service: 's', runUrl: '' }, nextWindow: () => 'x' });
  const before = emu.requests.length;
  const opts = { version: '1.4.0', release: 'v1.4.0', service: 's', stateReader: gitStateReader({ remote: ev.dir, branch: 'canary-evidence' }), evidence: gitEvidenceWriter({ remote: ev.dir, branch: 'canary-evidence' }), evidenceContext: { templates: createTemplateSource(), evidenceDir: 'e', service: 's', runUrl: '' }, nextWindow: () => 'x' };
  const r2 = await startFreeze({ github: client, repo, freeze: FREEZE, pacer: createWritePacer({ clock }), clock, actor: 'x', runUrl: '', log: () => {} }, opts);
  console.log('RERUN', r2.writes.slice(0, 5), r2.writes.length);
  console.log('total', performance.now() - t0, 'requests', emu.requests.length, 'writes', r.writes.length, log.warn.slice(0, 5));
  const byOp: Record<string, number[]> = {};
  for (const q of emu.requests) (byOp[q.operationId ?? '?'] ??= []).push(q.realEnd - q.realArrival);
  for (const [k, v] of Object.entries(byOp)) console.log(k, v.length, (v.reduce((a, b) => a + b, 0) / v.length).toFixed(1));
  await emu.close(); ev.cleanup();
});
