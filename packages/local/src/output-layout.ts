/**
 * Where a run's files go: `<outputDir>/<pipeline>-<timestamp>/<task>/` (kfp.local's layout), loop
 * iterations in numbered sub-folders. Task, output and artifact names come from the IR, which may be
 * hand-written or hostile, so every path segment is checked before it touches the disk.
 */
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';

/** Files the runner itself writes into a task folder; an output may not take these names. */
export const EXECUTOR_OUTPUT_FILE = 'executor_output.json';
export const EXECUTOR_INPUT_FILE = 'executor_input.json';
export const LOG_FILE = 'executor.log';
const RESERVED = new Set([EXECUTOR_OUTPUT_FILE, EXECUTOR_INPUT_FILE, LOG_FILE]);

export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError';
}

/**
 * Checks one path segment taken from the IR (a task key, an output name): no separators, no `.`/`..`,
 * no NUL, not empty, not one of the runner's own file names.
 */
export function checkSegment(segment: string, what: string): string {
  const bad =
    segment.length === 0 ||
    segment === '.' ||
    segment === '..' ||
    /[/\\\0]/.test(segment) ||
    segment.length > 200 ||
    RESERVED.has(segment);
  if (bad) {
    throw new UnsafePathError(
      `${what} ${JSON.stringify(segment)} cannot be used as a file name under the output folder ` +
        '(no "/", "\\", "..", NUL or reserved names); refusing to write outside the run folder.',
    );
  }
  return segment;
}

/** Joins checked segments under `root` and verifies the result stays inside it. */
export function safeJoin(root: string, segments: readonly string[], what: string): string {
  for (const s of segments) checkSegment(s, what);
  const joined = path.resolve(root, ...segments);
  const rel = path.relative(root, joined);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UnsafePathError(`${what} ${JSON.stringify(segments.join('/'))} points outside ${root}.`);
  }
  return joined;
}

/** `2026-05-01-13-45-12-123`: sortable, and what kfp.local uses (to the millisecond here). */
export function timestamp(date = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}-` +
    `${p(date.getHours())}-${p(date.getMinutes())}-${p(date.getSeconds())}-${p(date.getMilliseconds(), 3)}`
  );
}

/**
 * Creates the run folder `<outputDir>/<pipeline>-<timestamp>` without `recursive` on the last step,
 * so two runs started in the same millisecond cannot share a folder: the second gets `-2`.
 */
export async function createRunDir(
  outputDir: string,
  pipelineName: string,
  now = new Date(),
): Promise<string> {
  checkSegment(pipelineName, 'pipeline name');
  await mkdir(outputDir, { recursive: true });
  const base = `${pipelineName}-${timestamp(now)}`;
  for (let i = 1; ; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    const dir = path.join(outputDir, name);
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
