/**
 * Concurrency primitives of the runner: a counting semaphore (the global bound on executing tasks and
 * the per-loop `parallelismLimit`) and a readers/writer gate that lets a task with its own environment
 * variables run alone in this process (see executors/in-process.ts).
 */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`concurrency limit must be at least 1, got ${limit}`);
  }

  async acquire(): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` only drops when nobody waits.
      if (next) next();
      else this.active--;
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** Many shared holders or one exclusive holder; exclusive requests are served first when waiting. */
export class SharedExclusiveGate {
  private shared = 0;
  private exclusive = false;
  private readonly queue: Array<{ exclusive: boolean; resolve: () => void }> = [];

  async run<T>(exclusive: boolean, fn: () => Promise<T>): Promise<T> {
    await this.enter(exclusive);
    try {
      return await fn();
    } finally {
      this.leave(exclusive);
    }
  }

  private enter(exclusive: boolean): Promise<void> {
    if (this.canEnter(exclusive) && this.queue.length === 0) {
      this.take(exclusive);
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push({ exclusive, resolve }));
  }

  private canEnter(exclusive: boolean): boolean {
    return exclusive ? !this.exclusive && this.shared === 0 : !this.exclusive;
  }

  private take(exclusive: boolean): void {
    if (exclusive) this.exclusive = true;
    else this.shared++;
  }

  private leave(exclusive: boolean): void {
    if (exclusive) this.exclusive = false;
    else this.shared--;
    while (this.queue.length && this.canEnter(this.queue[0]!.exclusive)) {
      const next = this.queue.shift()!;
      this.take(next.exclusive);
      next.resolve();
      if (next.exclusive) break;
    }
  }
}
