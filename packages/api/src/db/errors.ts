/** drizzle wraps the driver's error; the libSQL code sits on the error or its cause. */
function codes(err: unknown): string[] {
  const found: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") found.push(code);
  }
  return found;
}

export function isConstraintViolation(err: unknown): boolean {
  return codes(err).some((code) => code.startsWith("SQLITE_CONSTRAINT"));
}

/** Why the database turned a caller away; each is worth a retry by the client a moment later. */
export type BusyReason = "queue_full" | "lock_wait" | "busy";

/** The database cannot take this call now (overload or another writer); the HTTP layer answers 503 with Retry-After. */
export class DatabaseBusy extends Error {
  readonly retryAfterSeconds = 1;
  constructor(
    readonly reason: BusyReason,
    options?: { cause?: unknown },
  ) {
    super(`database busy: ${reason}`, options);
  }
}

// SQLite's lock codes, and a libSQL server's answers when another writer held the lock past its wait or the stream expired.
const LOST_LOCK_CODES = ["SQLITE_BUSY", "SQLITE_LOCKED", "STREAM_EXPIRED", "TRANSACTION_TIMEOUT", "TRANSACTION_BUSY"];

/** A write that lost the database's write lock to another writer: it rolled back, so running it again is safe. */
export function isLockLost(err: unknown): boolean {
  if (codes(err).some((code) => LOST_LOCK_CODES.some((lost) => code.startsWith(lost)))) return true;
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (/database is locked/i.test(e.message)) return true;
  return false;
}

/** The busy refusal behind `err`, if the database turned the call away (after any retries). */
export function busyOf(err: unknown): DatabaseBusy | undefined {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e instanceof DatabaseBusy) return e;
  return isLockLost(err) ? new DatabaseBusy("busy", { cause: err }) : undefined;
}
