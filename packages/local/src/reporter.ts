/**
 * The terminal view of a run, fed by `onEvent`. On a TTY a live block (counts and the tasks
 * running now, with their elapsed time) is redrawn in place at most every 100 ms, with finished
 * tasks printed above it; otherwise plain lines, one per event, for CI logs. Both end with the
 * summary: state, counts, pipeline outputs, metrics, and each failure with its last log lines.
 */
import type { RunEvent, RunResult, TaskResult } from './types.js';

export interface ConsoleReporterOptions {
  /** Redraw a live list in place (default: whether stderr is a TTY). */
  tty?: boolean;
  /** Where to write (default: process.stderr). */
  write?: (text: string) => void;
  /** ANSI colours (default: same as tty, off when NO_COLOR is set). */
  color?: boolean;
  /** Rows of running tasks shown in the live block (default 8). */
  maxRunningRows?: number;
}

export interface ConsoleReporter {
  onEvent(event: RunEvent): void;
}

const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`);

function palette(enabled: boolean) {
  const wrap = (code: number) => (text: string) => (enabled ? `\x1b[${code}m${text}\x1b[0m` : text);
  return { green: wrap(32), red: wrap(31), yellow: wrap(33), dim: wrap(2), bold: wrap(1), cyan: wrap(36) };
}

export function createConsoleReporter(options: ConsoleReporterOptions = {}): ConsoleReporter {
  const tty = options.tty ?? process.stderr.isTTY === true;
  const write = options.write ?? ((text: string) => void process.stderr.write(text));
  const c = palette(options.color ?? (tty && !process.env.NO_COLOR));
  const maxRows = options.maxRunningRows ?? 8;
  const running = new Map<string, number>();
  const counts = { queued: 0, done: 0, failed: 0 };
  let jobName = '';
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  let ticker: NodeJS.Timeout | undefined;

  const leafKinds = new Set(['container', 'importer']);
  const kinds = new Map<string, string>();
  const isLeaf = (path: string) => leafKinds.has(kinds.get(path) ?? 'container');

  const clearBlock = () => {
    if (drawn > 0) write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const drawBlock = () => {
    if (!tty) return;
    const now = Date.now();
    const lines = [
      `${c.cyan('▶')} ${jobName}  ${counts.done}/${counts.queued} done · ${running.size} running${counts.failed ? ` · ${c.red(`${counts.failed} failed`)}` : ''}`,
    ];
    const shown = [...running].slice(0, maxRows);
    for (const [path, since] of shown)
      lines.push(`  ${c.yellow('…')} ${path} ${c.dim(seconds(now - since))}`);
    if (running.size > shown.length) lines.push(c.dim(`  … and ${running.size - shown.length} more`));
    clearBlock();
    write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  // Leading-edge throttle: draw at once if the last draw is old enough, else once the 100 ms are up.
  let lastDraw = 0;
  const scheduleDraw = () => {
    if (!tty || timer) return;
    const wait = lastDraw + 100 - Date.now();
    if (wait <= 0) {
      lastDraw = Date.now();
      drawBlock();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      lastDraw = Date.now();
      drawBlock();
    }, wait);
    timer.unref?.();
  };
  /** A permanent line: above the live block on a TTY. */
  const print = (line: string) => {
    if (tty) clearBlock();
    write(`${line}\n`);
    if (tty) scheduleDraw();
  };

  return {
    onEvent(event) {
      switch (event.type) {
        case 'run-started':
          jobName = event.jobName;
          // Elapsed times tick even when no event arrives.
          if (tty) {
            ticker = setInterval(() => running.size && scheduleDraw(), 1000);
            ticker.unref?.();
          }
          print(`${c.bold('Running')} ${event.pipelineName} → ${event.outputDir}`);
          break;
        case 'task-queued':
          kinds.set(event.path, event.kind);
          if (isLeaf(event.path)) counts.queued++;
          break;
        case 'task-started':
          if (!isLeaf(event.path)) break;
          running.set(event.path, event.time);
          if (!tty)
            print(
              `▶ ${event.path}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''} [${event.executor}]`,
            );
          scheduleDraw();
          break;
        case 'task-retrying':
          print(
            `${c.yellow('↻')} ${event.path} attempt ${event.attempt} failed, retrying in ${seconds(event.delayMs)}: ${event.error}`,
          );
          break;
        case 'task-succeeded':
          if (!isLeaf(event.path)) break;
          running.delete(event.path);
          counts.done++;
          print(`${c.green('✓')} ${event.path} ${c.dim(seconds(event.durationMs))}`);
          break;
        case 'task-cached':
          running.delete(event.path);
          counts.done++;
          print(`${c.green('≡')} ${event.path} ${c.dim('cached')}`);
          break;
        case 'task-failed':
          running.delete(event.path);
          if (isLeaf(event.path)) {
            counts.done++;
            counts.failed++;
          } else if (event.error.startsWith(`${event.path}/`)) {
            // A group failing because a task inside it failed: that task's line was printed.
            break;
          }
          print(`${c.red('✗')} ${event.path}: ${event.error}`);
          break;
        case 'task-skipped':
          if (isLeaf(event.path)) counts.done++;
          print(
            `${c.dim('○')} ${event.path} ${c.dim(`${event.state.toLowerCase().replace('_', ' ')}: ${event.reason}`)}`,
          );
          break;
        case 'task-log':
          if (!tty) print(c.dim(`  ${event.path} | ${event.line}`));
          break;
        case 'warning':
          print(`${c.yellow('!')} ${event.path ? `${event.path}: ` : ''}${event.message}`);
          break;
        case 'run-finished':
          if (ticker) clearInterval(ticker);
          if (timer) clearTimeout(timer);
          timer = undefined;
          if (tty) clearBlock();
          write(formatSummary(event.result, { color: options.color ?? (tty && !process.env.NO_COLOR) }));
          break;
      }
    },
  };
}

function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The end-of-run summary as text. */
export function formatSummary(result: RunResult, options: { color?: boolean } = {}): string {
  const c = palette(options.color ?? false);
  const tasks = Object.entries(result.tasks);
  const leaves = tasks.filter(([, t]) => t.kind === 'container' || t.kind === 'importer');
  const count = (state: TaskResult['state']) => leaves.filter(([, t]) => t.state === state).length;
  const state =
    result.state === 'SUCCEEDED'
      ? c.green(result.state)
      : result.state === 'FAILED'
        ? c.red(result.state)
        : c.yellow(result.state);
  const lines = [
    '',
    `${c.bold(result.pipelineName)} ${state} in ${seconds(result.durationMs)}`,
    `  ${
      [
        [count('SUCCEEDED'), 'succeeded'],
        [count('CACHED'), 'cached'],
        [count('SKIPPED'), 'skipped'],
        [count('FAILED'), 'failed'],
        [count('NOT_TRIGGERED') + count('CANCELLED'), 'not run'],
      ]
        .filter(([n]) => n)
        .map(([n, what]) => `${n} ${what}`)
        .join(' · ') || 'no tasks'
    }`,
    `  outputs: ${result.outputDir}`,
  ];
  const params = Object.entries(result.pipelineOutputs.parameters);
  const artifacts = Object.entries(result.pipelineOutputs.artifacts);
  if (params.length || artifacts.length) {
    lines.push(c.bold('Pipeline outputs:'));
    for (const [name, value] of params) lines.push(`  ${name} = ${formatValue(value)}`);
    for (const [name, value] of artifacts) {
      const list = Array.isArray(value) ? value : [value];
      lines.push(`  ${name}: ${list.map((a) => a.path ?? a.uri).join(', ')}`);
    }
  }
  const metrics = tasks.flatMap(([path, t]) =>
    Object.entries(t.metrics).map(([name, m]) => [`${path}/${name}`, m] as const),
  );
  if (metrics.length) {
    lines.push(c.bold('Metrics:'));
    for (const [where, m] of metrics.slice(0, 50)) {
      const scalars = Object.entries(m).filter(([, v]) => typeof v === 'number' || typeof v === 'string');
      lines.push(
        `  ${where}: ${scalars.length ? scalars.map(([k, v]) => `${k}=${formatValue(v)}`).join(', ') : formatValue(m)}`,
      );
    }
  }
  for (const path of result.failedTasks) {
    const t = result.tasks[path];
    lines.push(`${c.red('✗')} ${path}: ${t?.error ?? 'failed'}`);
    for (const line of t?.logTail?.slice(-10) ?? []) lines.push(c.dim(`    | ${line}`));
  }
  if (result.error && !result.failedTasks.length) lines.push(result.error);
  return `${lines.join('\n')}\n`;
}
