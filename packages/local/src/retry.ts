/**
 * KFP's retry policy: `maxRetryCount` retries after the first attempt, waiting
 * `backoffDuration * backoffFactor^(n-1)` before retry n, capped by `backoffMaxDuration`.
 * Durations are proto Durations (`'30s'`). Waits are multiplied by the run's scale (0 in tests).
 */
import type { RetryPolicy } from '@kfp-ts/schemas';

export function durationMs(text: string | undefined): number {
  if (!text) return 0;
  const match = /^(-?\d+(?:\.\d+)?)s$/.exec(text);
  return match ? Math.max(0, Number(match[1]) * 1000) : 0;
}

/** Milliseconds to wait before retry `retry` (1 for the first retry). */
export function backoffMs(policy: RetryPolicy | undefined, retry: number, scale: number): number {
  if (!policy) return 0;
  const base = durationMs(policy.backoffDuration);
  const factor = policy.backoffFactor ?? 2;
  const max = policy.backoffMaxDuration ? durationMs(policy.backoffMaxDuration) : 3_600_000;
  return Math.min(base * factor ** (retry - 1), max) * scale;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
