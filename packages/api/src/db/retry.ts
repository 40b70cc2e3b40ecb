import { randomInt } from "node:crypto";
import { isLockLost } from "./errors";

export type RetryPolicy = {
  attemptsMax: number;
  /** The first pause; each next one doubles, each scaled by a jitter in [0.5, 1.5). */
  backoffMsBase: number;
  /** A number in [0, 1); tests pass a seeded one. */
  random: () => number;
};

const RANDOM_STEPS = 1_000_000;
const cryptoRandom = () => randomInt(RANDOM_STEPS) / RANDOM_STEPS;

export const DEFAULT_RETRY: RetryPolicy = { attemptsMax: 4, backoffMsBase: 20, random: cryptoRandom };

/** The pause before attempt `attempt + 1` (attempt counts from 1). */
const backoffMs = (policy: RetryPolicy, attempt: number) =>
  policy.backoffMsBase * 2 ** (attempt - 1) * (0.5 + policy.random());

/**
 * Runs `fn` again while it fails because another writer held the lock. Only
 * for work that is atomic and rolled back on that failure: one statement, a
 * batch, or a whole transaction (never a statement inside one).
 */
export async function retryWhileLockLost<R>(fn: () => Promise<R>, policy: RetryPolicy): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= policy.attemptsMax || !isLockLost(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(policy, attempt)));
    }
  }
}
