/**
 * While components run in this process, `process.exit` must not end it: a local run or a unit
 * test would vanish without a word. The guard swaps `process.exit` for a function that throws,
 * so the call fails the component that made it (with a message naming it) and nothing else.
 * Several components may run at once: the original is restored when the last one finishes.
 */
export class ExitRequested extends Error {
  override readonly name = 'ExitRequested';
  constructor(readonly code: number | string | null | undefined) {
    super(`it called process.exit(${code ?? ''}); a component must return or throw instead`);
  }
}

let active = 0;
let original: typeof process.exit | undefined;

export async function withExitGuard<T>(body: () => Promise<T>): Promise<T> {
  if (active++ === 0) {
    original = process.exit;
    process.exit = ((code?: number | string | null) => {
      throw new ExitRequested(code);
    }) as typeof process.exit;
  }
  try {
    return await body();
  } finally {
    if (--active === 0 && original) {
      process.exit = original;
      original = undefined;
    }
  }
}
