/**
 * The exits of an action's output: log streams, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, written through the
 * toolkit as an action writes them, pass the run's masker.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterAll, describe, expect, it } from 'vitest';
import { guardActionOutput } from '../../src/action/output-guard.js';
import { createSecretMasker, registerSecret } from '../../src/secrets/masker.js';
import { guardStream } from '../../src/secrets/stream-guard.js';

const SECRET = 'hook-FAKE-output-guard-5e6f7a';
const dir = mkdtempSync(join(tmpdir(), 'output-guard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guardStream', () => {
  it('masks every chunk written, keeps ::add-mask:: registrations whole, and restores the stream', () => {
    const chunks: string[] = [];
    const stream = {
      write(chunk: string | Uint8Array) {
        chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    const original = stream.write;
    const restore = guardStream(stream, createSecretMasker([SECRET]));
    stream.write(`posting to ${SECRET}\n`);
    stream.write(Buffer.from(`bytes ${SECRET}\n`));
    stream.write(`::add-mask::${SECRET}\n`);
    restore();
    expect(stream.write).toBe(original);
    expect(chunks).toEqual(['posting to ***\n', 'bytes ***\n', `::add-mask::${SECRET}\n`]);
  });
});

describe('guardActionOutput', () => {
  it('masks outputs and the job summary written through the toolkit before the runner reads them', async () => {
    const output = join(dir, 'github_output');
    const summary = join(dir, 'step_summary.md');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const saved = {
      GITHUB_OUTPUT: process.env.GITHUB_OUTPUT,
      GITHUB_STEP_SUMMARY: process.env.GITHUB_STEP_SUMMARY,
    };
    process.env.GITHUB_OUTPUT = output;
    process.env.GITHUB_STEP_SUMMARY = summary;
    try {
      const seal = guardActionOutput({ GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary });
      registerSecret(SECRET);
      core.setOutput('result-json', JSON.stringify({ message: `echoed ${SECRET}` }));
      await core.summary.addRaw(`<p>echoed ${SECRET}</p>`).write();
      expect(readFileSync(output, 'utf8')).toContain(SECRET);
      await seal();
      expect(readFileSync(output, 'utf8')).not.toContain(SECRET);
      expect(readFileSync(output, 'utf8')).toContain('{"message":"echoed ***"}');
      expect(readFileSync(summary, 'utf8')).toBe('<p>echoed ***</p>');
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
