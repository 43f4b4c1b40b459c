/**
 * Bounded retries with exponential backoff for calls that fail transiently (UNAVAILABLE,
 * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED). The generated clients configure no retries for the
 * pipeline and schedule RPCs (all "non_idempotent"), so this is the only retry layer: what
 * happens on a lost response is decided here, per call (see `createJobOnce` in submit.ts).
 */
import { isTransient } from './grpc-status.js';

export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** Delay before the second attempt (default 1 s); doubles each time up to `maxDelayMs`. */
  initialDelayMs?: number;
  /** Default 20 s. */
  maxDelayMs?: number;
  /** Which errors are worth another attempt (default: the transient gRPC codes). */
  retryable?: (error: unknown) => boolean;
  /** Told before each new attempt (progress output). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Replaceable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY = { attempts: 5, initialDelayMs: 1000, maxDelayMs: 20_000 } as const;

/** Thrown when every attempt failed transiently: carries the last error and the count. */
export class RetriesExhausted extends Error {
  readonly attempts: number;
  constructor(attempts: number, cause: unknown) {
    super(`gave up after ${attempts} attempts`, { cause });
    this.name = 'RetriesExhausted';
    this.attempts = attempts;
  }
}

/**
 * Runs `call(attempt)` (attempt counts from 1) until it succeeds, fails with a non-retryable
 * error (rethrown as is), or has failed `attempts` times (RetriesExhausted).
 */
export async function withRetry<T>(
  call: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? DEFAULT_RETRY.attempts);
  const retryable = options.retryable ?? isTransient;
  const sleep = options.sleep ?? defaultSleep;
  let delay = options.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs;
  const maxDelay = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!retryable(error)) throw error;
      if (attempt >= attempts) throw new RetriesExhausted(attempt, error);
      // Jitter (between half and the whole delay) keeps many clients from retrying in step.
      const wait = Math.round(delay * (0.5 + Math.random() / 2));
      options.onRetry?.({ attempt: attempt + 1, delayMs: wait, error });
      await sleep(wait);
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
