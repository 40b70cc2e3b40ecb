import type { Refusal } from "./refusal";

/** A closed result: callers switch on `ok`, then on `reason`, one of core's named refusals. */
export type Ok<T extends object = object> = { ok: true } & T;
export type Fail<R extends Refusal> = { ok: false; reason: R };
export type Result<T extends object, R extends Refusal> = Ok<T> | Fail<R>;

export const ok = <T extends object>(value: T): Ok<T> => ({ ok: true, ...value });
export const fail = <R extends Refusal>(reason: R): Fail<R> => ({ ok: false, reason });

/** For programmer errors only: a broken invariant, never bad user input. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

/** The value a broken invariant would leave missing (a row just inserted, a checked actor); never for user input. */
export function must<T>(value: T | null | undefined, what = "a value"): T {
  assert(value !== null && value !== undefined, `${what} is missing`);
  return value;
}
