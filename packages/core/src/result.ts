/** A closed result: callers switch on `ok`, then on `reason`. */
export type Ok<T extends object = object> = { ok: true } & T;
export type Fail<R extends string> = { ok: false; reason: R };
export type Result<T extends object, R extends string> = Ok<T> | Fail<R>;

export const ok = <T extends object>(value: T): Ok<T> => ({ ok: true, ...value });
export const fail = <R extends string>(reason: R): Fail<R> => ({ ok: false, reason });

/** For programmer errors only: a broken invariant, never bad user input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
