import type { Client } from "@libsql/client";
import type { Db } from "./client";

const ATTEMPTS_MAX = 4;
const BACKOFF_MS = 50;
/** What a 503 tells the caller to wait before trying again. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/**
 * The database could not take the write in time, after the bounded retries:
 * the caller is told to try again shortly (503 with Retry-After). Nothing of the work was committed.
 */
export class DatabaseBusy extends Error {
  constructor(cause: unknown) {
    super("database busy: the write lock could not be held in time", { cause });
    this.name = "DatabaseBusy";
  }
}

/**
 * Errors after which nothing was committed and the same work may run again:
 * the server's write lock stayed taken past its wait (SQLITE_BUSY), or the
 * server took the lock back from a slow transaction and expired its stream.
 * drizzle wraps the driver's error; the code sits on it or a cause.
 */
export function isLostWriteLock(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = String((e as { code?: unknown }).code ?? "");
    if (code.startsWith("SQLITE_BUSY") || code === "STREAM_EXPIRED" || code === "TRANSACTION_TIMEOUT") return true;
  }
  return false;
}

/** Runs the work again, a bounded number of times, when it lost the write lock; then gives up with DatabaseBusy. */
export async function retryLostLock<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isLostWriteLock(error)) throw error;
      if (attempt >= ATTEMPTS_MAX) throw new DatabaseBusy(error);
      // Spread the retries of requests that failed together, so they do not collide again.
      await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * attempt * (0.5 + Math.random())));
    }
  }
}

/**
 * Against a libSQL server, several instances compete for one write lock: a
 * write or batch that lost it is sent again (each is atomic, so a failed one
 * changed nothing), and a transaction that lost it runs its callback again
 * from the start (services keep every effect inside the transaction).
 */
export function retryOnServer(client: Client): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "execute" || prop === "batch" || prop === "executeMultiple") {
        const run = Reflect.get(target, prop, receiver) as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => retryLostLock(() => run.apply(target, args));
      }
      // The client keeps private fields: its methods must run on it, not on the proxy.
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export function retryTransactions(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "transaction") return Reflect.get(target, prop, receiver);
      const transaction = target.transaction.bind(target);
      return ((...args: Parameters<Db["transaction"]>) => retryLostLock(() => transaction(...args))) as Db["transaction"];
    },
  });
}
