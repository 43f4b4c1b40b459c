import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardRejections } from './rejection-guard.js';

describe('guardRejections', () => {
  // vitest reports unhandled rejections itself; step aside while emitting a synthetic one.
  let others: NodeJS.UnhandledRejectionListener[] = [];
  const exitCode = process.exitCode;
  beforeEach(() => {
    others = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
  });
  afterEach(() => {
    for (const listener of others) process.on('unhandledRejection', listener);
    process.exitCode = exitCode;
  });

  it('reports an unhandled rejection as one error line and sets exit status 2', () => {
    let stderr = '';
    const guard = guardRejections({ stdout: () => {}, stderr: (t) => (stderr += t), cwd: '.' }, false);
    process.emit('unhandledRejection', new Error('upload\nfailed'), Promise.resolve());
    guard.remove();
    expect(guard.tripped).toBe(true);
    expect(process.exitCode).toBe(2);
    expect(stderr).toBe('kfp-ts: error: unhandled promise rejection: upload failed\n');
    expect(process.listenerCount('unhandledRejection')).toBe(0);
  });
});
