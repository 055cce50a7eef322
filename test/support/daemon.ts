/**
 * A real server binary (Prometheus, Alertmanager, VictoriaMetrics, InfluxDB) started for a test on a 127.0.0.1
 * port: spawned, polled on its readiness path (`/-/ready`, or InfluxDB's `/ping`) until it answers (bounded), and stopped with SIGTERM then SIGKILL, removing its temporary folder.
 * Any that a dying test run leaves behind are killed when the process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  // Last resort if a test run dies before afterAll: never leave a server behind.
  for (const child of running) child.kill('SIGKILL');
});

export interface Daemon {
  url: string;
  startupMs: number;
  /** Stops the server and removes `dir`. */
  stop(): Promise<void>;
}

export async function startDaemon(options: {
  /** For messages: "prometheus", "alertmanager". */
  name: string;
  bin: string;
  args: string[];
  port: number;
  /** The server's temporary folder, removed on stop. */
  dir: string;
  readyTimeoutMs: number;
  /** Answers 2xx once the server serves requests (default `/-/ready`). */
  readyPath?: string;
}): Promise<Daemon> {
  const { name, port } = options;
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const child = spawn(options.bin, options.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited: string | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      running.delete(child);
      resolve();
    });
  });
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitedPromise;
      clearTimeout(killTimer);
    }
    await rm(options.dir, { recursive: true, force: true });
  };

  const deadline = started + options.readyTimeoutMs;
  for (;;) {
    if (exited) throw new Error(`${name} on port ${port} ${exited} before it was ready: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exitedPromise;
      throw new Error(
        `${name} on port ${port} not ready within ${options.readyTimeoutMs} ms: ${stderr.trim()}`,
      );
    }
    const ready = await fetch(`${url}${options.readyPath ?? '/-/ready'}`, {
      signal: AbortSignal.timeout(1_000),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, startupMs: Date.now() - started, stop };
}
