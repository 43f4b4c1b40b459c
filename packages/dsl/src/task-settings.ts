import { PipelineDefinitionError } from './errors.js';
import type { ParamRef } from './refs.js';
import { isParamRef } from './refs.js';

/** A setting given literally or taken from a pipeline parameter / task output at run time. */
export type Dynamic<T, K extends 'STRING' | 'NUMBER_INTEGER' = 'STRING'> = T | ParamRef<K | 'NUMBER', any>;

export interface RetryPolicy {
  /** How many times to retry a failed task (KFP's `num_retries`). */
  maxRetries: number;
  /** Wait before the first retry: seconds, or a duration like `'30s'`, `'5m'`, `'1h'`. Default 0. */
  backoffDuration?: number | string;
  /** Multiplier applied to the wait after each retry. Default 2. */
  backoffFactor?: number;
  /** Upper bound of the wait: seconds or a duration. Default 3600 s. */
  backoffMaxDuration?: number | string;
}

export interface Accelerator {
  /** e.g. `NVIDIA_TESLA_T4`, `nvidia.com/gpu`, `tpu-v3`. */
  type: Dynamic<string>;
  /** How many; default 1. */
  count?: Dynamic<number, 'NUMBER_INTEGER'> | string;
}

/** Per-task settings, as KFP's `set_*` methods. */
export interface TaskSettings {
  /** Name shown in the Vertex / KFP console (`taskInfo.name`). */
  displayName?: string;
  /** Reuse earlier results for the same inputs (default true). */
  caching?: boolean;
  /** A custom cache key (KFP OSS; Vertex ignores it). */
  cacheKey?: string;
  retry?: RetryPolicy;
  /** CPU request/limit: `'500m'`, `'2'`, `4`. */
  cpuRequest?: Dynamic<string> | number;
  cpuLimit?: Dynamic<string> | number;
  /** Memory request/limit: `'512Mi'`, `'16G'`. */
  memoryRequest?: Dynamic<string>;
  memoryLimit?: Dynamic<string>;
  accelerator?: Accelerator;
  /** Environment variables of the container, in insertion order. Do not put secrets here. */
  env?: Record<string, string>;
  /** Replace the component's container image for this task. */
  image?: Dynamic<string>;
}

const CPU_PATTERN = /^([0-9]*[.])?[0-9]+m?$/;
const MEMORY_PATTERN = /^[0-9]+(E|Ei|P|Pi|T|Ti|G|Gi|M|Mi|K|Ki)?$/;
const DURATION_PATTERN = /^(\d+(\.\d+)?)(s|m|h)?$/;

/** Checks literal settings right away, so a mistake names the task that has it. */
export function checkSettings(settings: TaskSettings, where: string): void {
  const fail = (message: string, fix: string): never => {
    throw new PipelineDefinitionError(message, { where, fix });
  };
  for (const key of ['cpuRequest', 'cpuLimit'] as const) {
    const value = settings[key];
    if (value === undefined || isParamRef(value)) continue;
    const text = String(value);
    if (!CPU_PATTERN.test(text)) {
      fail(
        `${key} ${JSON.stringify(value)} is not a CPU amount.`,
        "Use cores or millicores, e.g. '2', '0.5' or '500m'.",
      );
    }
  }
  for (const key of ['memoryRequest', 'memoryLimit'] as const) {
    const value = settings[key];
    if (value === undefined || isParamRef(value)) continue;
    if (typeof value !== 'string' || !MEMORY_PATTERN.test(value)) {
      fail(
        `${key} ${JSON.stringify(value)} is not a memory amount.`,
        "Use a whole number with an optional unit: '512Mi', '16G', '1Ti' (units E, P, T, G, M, K and Ei ... Ki).",
      );
    }
  }
  const accelerator = settings.accelerator;
  if (accelerator) {
    if (typeof accelerator.type === 'string' && accelerator.type.trim() === '') {
      fail('accelerator.type is empty.', "Name the accelerator, e.g. 'NVIDIA_TESLA_T4'.");
    }
    const count = accelerator.count;
    if (count !== undefined && !isParamRef(count)) {
      const n = Number(count);
      if (!Number.isInteger(n) || n < 0 || String(count).trim() === '') {
        fail(
          `accelerator.count ${JSON.stringify(count)} is not a whole number.`,
          'Use a non-negative integer.',
        );
      }
    }
  }
  const retry = settings.retry;
  if (retry) {
    if (!Number.isInteger(retry.maxRetries) || retry.maxRetries < 0) {
      fail(`retry.maxRetries ${JSON.stringify(retry.maxRetries)} is not a whole number.`, 'Use 0 or more.');
    }
    for (const key of ['backoffDuration', 'backoffMaxDuration'] as const) {
      const value = retry[key];
      if (value !== undefined && durationSeconds(value) === undefined) {
        fail(
          `retry.${key} ${JSON.stringify(value)} is not a duration.`,
          "Use seconds (30) or '30s', '5m', '1h'.",
        );
      }
    }
    if (retry.backoffFactor !== undefined && !(retry.backoffFactor > 0)) {
      fail(
        `retry.backoffFactor ${JSON.stringify(retry.backoffFactor)} must be positive.`,
        'KFP defaults to 2.',
      );
    }
  }
  for (const [name, value] of Object.entries(settings.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      fail(
        `env name ${JSON.stringify(name)} is not a valid variable name.`,
        'Use letters, digits and underscores.',
      );
    }
    if (typeof value !== 'string') {
      fail(`env ${name} must be a string, got ${typeof value}.`, 'Convert the value with String().');
    }
  }
}

/** Seconds in a duration given as a number of seconds or `'30s'`/`'5m'`/`'1h'`; undefined if invalid. */
export function durationSeconds(value: number | string): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  const match = DURATION_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[3] ?? 's';
  return amount * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
}
