import type { RequestCategory } from "./request";
import { fail, ok, type Result } from "./result";

/** A community's earning rules (staff can change them); these are the defaults. */
export type EarningRules = {
  pointsPerHour: number;
  /** Points for a request the resident confirmed, by category (others: `requestDefault`). */
  perRequest: Partial<Record<RequestCategory, number>>;
  requestDefault: number;
  fiveStarBonus: number;
  /** At most this many points a volunteer earns in one day (Asia/Shanghai), all sources together. */
  dailyCap: number;
};

export const DEFAULT_EARNING_RULES: EarningRules = {
  pointsPerHour: 10,
  perRequest: { plumbing: 30, companionship: 20, item: 10 },
  requestDefault: 15,
  fiveStarBonus: 5,
  dailyCap: 200,
};

export type Earning = {
  points: number;
  capped: boolean;
  parts: { source: "hours" | "request" | "five_star"; points: number }[];
};

/** Whole points only; what the day's cap leaves is all that can be earned. */
function capped(parts: Earning["parts"], earnedToday: number, rules: EarningRules): Earning {
  const wanted = parts.reduce((sum, p) => sum + p.points, 0);
  const room = Math.max(0, rules.dailyCap - earnedToday);
  return { points: Math.min(wanted, room), capped: wanted > room, parts };
}

/** Confirmed service minutes → points at the community's hourly rate, rounded down. */
export function earnForHours(minutes: number, rules: EarningRules, earnedToday: number): Earning {
  return capped([{ source: "hours", points: Math.floor((minutes * rules.pointsPerHour) / 60) }], earnedToday, rules);
}

/** A request the resident confirmed → points by category, plus the bonus for five stars. */
export function earnForRequest(
  category: RequestCategory,
  rating: number,
  rules: EarningRules,
  earnedToday: number,
): Earning {
  const parts: Earning["parts"] = [{ source: "request", points: rules.perRequest[category] ?? rules.requestDefault }];
  if (rating === 5) parts.push({ source: "five_star", points: rules.fiveStarBonus });
  return capped(parts, earnedToday, rules);
}

export type RulesRefusal = "invalid_rules";

const points = (n: number, max: number) => Number.isSafeInteger(n) && n >= 0 && n <= max;

/** Staff edit the rules: whole, non-negative points within sane bounds. */
export function checkEarningRules(rules: EarningRules): Result<{ rules: EarningRules }, RulesRefusal> {
  const perRequestOk = Object.values(rules.perRequest).every((n) => n !== undefined && points(n, 1_000));
  if (
    !points(rules.pointsPerHour, 1_000) ||
    !points(rules.requestDefault, 1_000) ||
    !points(rules.fiveStarBonus, 1_000) ||
    !points(rules.dailyCap, 10_000) ||
    !perRequestOk
  )
    return fail("invalid_rules");
  return ok({ rules });
}

/**
 * Voided hours take their points back. What the volunteer already spent cannot
 * be taken without a negative balance, so only the available part is reversed
 * now; the rest is owed and recovered from the next earnings.
 */
export function planReversal(earned: number, available: number): { reversed: number; owed: number } {
  const reversed = Math.max(0, Math.min(earned, available));
  return { reversed, owed: earned - reversed };
}

/** After a new earning is paid, what is owed comes out of it first (never more than is there). */
export const planRecovery = (owed: number, available: number): number => Math.max(0, Math.min(owed, available));

/** An earning is paid from the community fund when it can cover it; otherwise it waits, never invented. */
export const earningState = (points: number, fundAvailable: number): "paid" | "waiting" =>
  fundAvailable >= points ? "paid" : "waiting";
