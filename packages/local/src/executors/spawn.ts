/**
 * Spawns a program WITHOUT a shell (arguments are passed as they are, so parameter values cannot
 * inject commands), feeds its stdout/stderr to the task log, and stops it when the run is aborted:
 * SIGTERM, then SIGKILL after a grace period.
 */
import { spawn } from 'node:child_process';
import type { TaskLog } from './log-capture.js';

export interface SpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  log: TaskLog;
  signal: AbortSignal;
  killGraceMs?: number;
}

export class ProcessFailedError extends Error {
  override readonly name = 'ProcessFailedError';
}

export function spawnLogged(command: string, args: readonly string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(new ProcessFailedError('the run was aborted before the process started.'));
      return;
    }
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => options.log.write(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => options.log.write(chunk));
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), options.killGraceMs ?? 5000);
      killTimer.unref();
    };
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal.removeEventListener('abort', onAbort);
      reject(
        new ProcessFailedError(
          error.code === 'ENOENT'
            ? `cannot start '${command}': no such program on this machine (PATH=${options.env.PATH ?? ''}).`
            : `cannot start '${command}': ${error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      options.signal.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (code === 0) resolve();
      else if (options.signal.aborted)
        reject(new ProcessFailedError(`stopped: the run was aborted (${signal ?? code}).`));
      else
        reject(
          new ProcessFailedError(
            signal ? `'${command}' was killed by ${signal}.` : `'${command}' exited with code ${code}.`,
          ),
        );
    });
  });
}
