/**
 * Per-task logs. Subprocesses write to a pipe we read; in-process components write with `console`,
 * which is global, so while a run is active `console.*` is routed through an AsyncLocalStorage to
 * the log of the task whose code is running (concurrent tasks keep their lines apart). Code outside
 * any task prints as usual.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFile } from 'node:fs/promises';
import { format } from 'node:util';

const TAIL_LINES = 30;

export class TaskLog {
  private readonly tailLines: string[] = [];
  private pending = '';
  private buffered: string[] = [];
  private bufferedBytes = 0;

  constructor(
    readonly file: string,
    private readonly onLine?: (line: string) => void,
  ) {}

  /** Text as written (may hold several lines, or part of one). */
  write(text: string): void {
    const parts = (this.pending + text).split(/\r?\n/);
    this.pending = parts.pop()!;
    for (const line of parts) this.line(line);
  }

  line(line: string): void {
    this.tailLines.push(line);
    if (this.tailLines.length > TAIL_LINES) this.tailLines.shift();
    this.buffered.push(line);
    this.bufferedBytes += line.length;
    this.onLine?.(line);
    if (this.bufferedBytes > 64 * 1024) void this.flush();
  }

  tail(): string[] {
    return this.pending ? [...this.tailLines, this.pending].slice(-TAIL_LINES) : [...this.tailLines];
  }

  /** Writes what is buffered to the log file (nothing is created for a silent task). */
  async flush(): Promise<void> {
    if (this.pending) {
      this.line(this.pending);
      this.pending = '';
    }
    if (!this.buffered.length) return;
    const text = `${this.buffered.join('\n')}\n`;
    this.buffered = [];
    this.bufferedBytes = 0;
    await appendFile(this.file, text);
  }
}

const current = new AsyncLocalStorage<TaskLog>();
const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
let installed = 0;
let originals: Partial<Record<(typeof METHODS)[number], (...args: unknown[]) => void>> = {};

/** Routes `console.*` of code running under `withTaskLog` to that task's log, while a run is active. */
export function installConsoleCapture(): () => void {
  if (installed++ === 0) {
    originals = {};
    for (const method of METHODS) {
      const original = console[method].bind(console) as (...args: unknown[]) => void;
      originals[method] = original;
      console[method] = (...args: unknown[]) => {
        const log = current.getStore();
        if (log) log.write(`${format(...args)}\n`);
        else original(...args);
      };
    }
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--installed === 0) {
      for (const method of METHODS) if (originals[method]) console[method] = originals[method];
    }
  };
}

export function withTaskLog<T>(log: TaskLog, fn: () => Promise<T>): Promise<T> {
  return current.run(log, fn);
}
