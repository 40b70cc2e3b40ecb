import { DatabaseBusy } from "./errors";

export type LockLimits = {
  /** How long a caller waits for its turn before it is refused. */
  waitMsMax: number;
  /** How many callers may wait at once; the next is refused at once (overload, not a bug). */
  waitersMax: number;
};

type Waiter = { grant: () => void };

/**
 * A FIFO async lock with `permits` holders at once (1: a mutex). A waiter that
 * times out leaves the queue, so the lock still passes on when its holder
 * releases; a full queue refuses new callers at once instead of growing.
 */
export class Lock {
  private holders = 0;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly limits: LockLimits,
    private readonly permits = 1,
  ) {}

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(): Promise<() => void> {
    if (this.holders < this.permits && this.waiters.length === 0) {
      this.holders++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiters.length >= this.limits.waitersMax) return Promise.reject(new DatabaseBusy("queue_full"));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new DatabaseBusy("lock_wait"));
      }, this.limits.waitMsMax);
      this.waiters.push(waiter);
    });
  }

  /** Runs `fn` holding the lock. */
  async with<R>(fn: () => Promise<R>): Promise<R> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      // The permit passes straight to the next waiter, so no newcomer can overtake the queue.
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.holders--;
    };
  }
}
