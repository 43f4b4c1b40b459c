import { describe, expect, it } from 'vitest';
import { isTransient, Status } from './grpc-status.js';
import { RetriesExhausted, withRetry } from './retry.js';

const status = (code: number) => Object.assign(new Error(`${code}`), { code });
const noSleep = { sleep: async () => {}, initialDelayMs: 100 };

describe('withRetry', () => {
  it('retries transient failures and returns the first success', async () => {
    let calls = 0;
    const delays: number[] = [];
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw status(Status.UNAVAILABLE);
        return 'ok';
      },
      { ...noSleep, onRetry: ({ delayMs }) => delays.push(delayMs) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    // Backoff doubles (with jitter between half and the whole delay).
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  it('does not retry what will not fix itself', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw status(Status.PERMISSION_DENIED);
      }, noSleep),
    ).rejects.toMatchObject({ code: Status.PERMISSION_DENIED });
    expect(calls).toBe(1);
  });

  it('stops after the bound with the last error as cause', async () => {
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls++;
        throw status(Status.DEADLINE_EXCEEDED);
      },
      { ...noSleep, attempts: 3 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetriesExhausted);
    expect((error as RetriesExhausted).attempts).toBe(3);
    expect((error as Error).cause).toMatchObject({ code: Status.DEADLINE_EXCEEDED });
    expect(calls).toBe(3);
  });

  it('counts UNAVAILABLE, DEADLINE_EXCEEDED and RESOURCE_EXHAUSTED as transient', () => {
    expect([14, 4, 8].map((c) => isTransient(status(c)))).toEqual([true, true, true]);
    expect([3, 5, 6, 7, 16].map((c) => isTransient(status(c)))).toEqual([false, false, false, false, false]);
  });
});
