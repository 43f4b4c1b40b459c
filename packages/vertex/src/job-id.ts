/**
 * Pipeline job IDs. Vertex AI takes an ID of at most 128 characters of `[a-z0-9-]` starting
 * with a letter; like the Python SDK, the default is `<pipeline-name>-<yyyymmddhhmmss>`.
 */
import { usageError } from './errors.js';

export const JOB_ID_PATTERN = /^[a-z][-a-z0-9]{0,127}$/;
const MAX_LENGTH = 128;

/**
 * `<pipeline-name>-<yyyymmddhhmmss>` (UTC, so the ID does not depend on the machine's time zone).
 * The name is lower-cased, runs of other characters become one dash, and it is shortened so the
 * whole ID fits in 128 characters; a name not starting with a letter gets a `p-` prefix.
 */
export function defaultJobId(pipelineName: string, now: Date = new Date()): string {
  const stamp = timestamp(now);
  let name = pipelineName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(name)) name = `p-${name}`.replace(/-+$/, '');
  name = name.slice(0, MAX_LENGTH - stamp.length - 1).replace(/-+$/, '');
  return `${name}-${stamp}`;
}

/** Throws a usage error naming the rule when `id` is not a valid pipeline job ID. */
export function checkJobId(id: string): string {
  if (!JOB_ID_PATTERN.test(id)) {
    throw usageError(
      `job ID '${id}' is not valid: use at most ${MAX_LENGTH} characters of lower-case letters, digits and dashes, starting with a letter.`,
    );
  }
  return id;
}

function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}`
  );
}
