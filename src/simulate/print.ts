/** How the simulation's war-room lines look: `[T+34 ]` marks in minutes from T0, local times, rollback steps. */
import type { RollbackResult } from '../rollback/run-rollback.js';
import type { SimulatedCommand } from './commands.js';

const MINUTE = 60_000;

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** `[T-30 ]`, `[T+15 ]`: minutes from T0 (the start of stage 1). */
export function markAt(t0: Date, at: Date): string {
  const m = Math.round((at.getTime() - t0.getTime()) / MINUTE);
  return `[${pad(m < 0 ? `T${m}` : `T+${m}`, 5)}]`;
}

/** A time as the release's people read it: local to the plan's timezone. */
export function localTime(d: Date, zone: string): string {
  try {
    return `${d.toLocaleString('sv-SE', { timeZone: zone }).slice(0, 16)} ${zone}`;
  } catch {
    return d.toISOString();
  }
}

/**
 * A rollback step as the war-room shows it. Rehearsed commands were not run and are shown as SIMULATED with the
 * exact command (runRollback records them so, never as success).
 */
export function rollbackStepText(
  step: RollbackResult['steps'][number],
  commands: SimulatedCommand[],
): string {
  if (step.name === 'commands' && step.simulated) {
    const notRun = commands.filter((c) => !c.ran).map((c) => `\`${c.command}\``);
    const ran = commands.filter((c) => c.ran).map((c) => `\`${c.command}\` exit ${c.exitCode}`);
    return `[SIMULATED] commands: would run ${notRun.join(', ')} (rehearsal, not run)${ran.length ? `; ran ${ran.join(', ')}` : ''}`;
  }
  return `[${step.skipped ? 'SKIPPED' : step.ok ? 'OK' : 'FAILED'}] ${step.name}: ${step.detail}`;
}
