import { fail, ok, type Result } from "./result";
import { shanghaiDate } from "./suitability";

/** The 爱心超市: items bought with points, reserved at once and handed over against a pickup code. */
export const RESERVATION_DAYS = 14;
const DAY_MS = 86_400_000;
/** Stock at or under this is running low: shown to store staff and counted on the dashboards. */
export const LOW_STOCK_UNITS = 3;

export type StoreItem = { active: boolean; pointsPrice: number; stock: number; monthlyLimit: number | null };

/** An item on sale with LOW_STOCK_UNITS or fewer left (none left included). */
export const isLowStock = (item: { stock: number; active: boolean }) => item.active && item.stock <= LOW_STOCK_UNITS;

export type RedemptionContext = {
  item: StoreItem;
  /** Posted balance minus what the volunteer's open reservations hold. */
  available: number;
  /** Units of this item the volunteer redeemed this calendar month (Asia/Shanghai), expired ones excluded. */
  redeemedThisMonth: number;
  quantity: number;
};

export type RedemptionRefusal =
  | "item_inactive"
  | "invalid_quantity"
  | "out_of_stock"
  | "monthly_limit"
  | "insufficient_balance";

/** Guards in a fixed order: the item, the quantity, the stock, the monthly limit, the balance. */
export function decideRedemption(ctx: RedemptionContext): Result<{ points: number }, RedemptionRefusal> {
  if (!ctx.item.active) return fail("item_inactive");
  if (!Number.isSafeInteger(ctx.quantity) || ctx.quantity < 1 || ctx.quantity > 10) return fail("invalid_quantity");
  if (ctx.item.stock < ctx.quantity) return fail("out_of_stock");
  if (ctx.item.monthlyLimit !== null && ctx.redeemedThisMonth + ctx.quantity > ctx.item.monthlyLimit)
    return fail("monthly_limit");
  const points = ctx.item.pointsPrice * ctx.quantity;
  if (ctx.available < points) return fail("insufficient_balance");
  return ok({ points });
}

export type RedemptionStatus = "reserved" | "collected" | "expired";

export const reservationExpiresAt = (reservedAt: number) => reservedAt + RESERVATION_DAYS * DAY_MS;

/** Handing over: only a live reservation, and only before it expires (the sweep may not have run yet). */
export function decidePickup(
  redemption: { status: RedemptionStatus; expiresAt: number },
  now: number,
): Result<{ status: "collected" }, "already_collected" | "reservation_expired"> {
  if (redemption.status === "collected") return fail("already_collected");
  if (redemption.status === "expired" || now >= redemption.expiresAt) return fail("reservation_expired");
  return ok({ status: "collected" });
}

export const isDue = (redemption: { status: RedemptionStatus; expiresAt: number }, now: number) =>
  redemption.status === "reserved" && now >= redemption.expiresAt;

/** `2026-11` in Asia/Shanghai: the month a redemption counts against the limit. */
export const shanghaiMonth = (ms: number) => shanghaiDate(ms).slice(0, 7);

/** Eight digits, unambiguous to read aloud to an elderly resident; `random` is in [0, 1). */
export const pickupCode = (random: () => number) => Array.from({ length: 8 }, () => Math.floor(random() * 10)).join("");

/** What the volunteer can afford first, then by price; the rest keeps its order. */
export function affordableFirst<T extends { pointsPrice: number; stock: number; active: boolean }>(
  items: readonly T[],
  available: number,
): (T & { affordable: boolean })[] {
  const tagged = items.map((item) => ({
    ...item,
    affordable: item.active && item.stock > 0 && item.pointsPrice <= available,
  }));
  return tagged.sort((a, b) => Number(b.affordable) - Number(a.affordable) || a.pointsPrice - b.pointsPrice);
}

export type ItemInput = {
  name: string;
  description: string;
  pointsPrice: number;
  stock: number;
  monthlyLimit: number | null;
};
export type ItemRefusal = "invalid_name" | "invalid_price" | "invalid_stock" | "invalid_limit";

/** Item fields staff may set: a name, a positive whole price, stock never below zero. */
export function checkItem(input: ItemInput): Result<{ item: ItemInput }, ItemRefusal> {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 40) return fail("invalid_name");
  if (!Number.isSafeInteger(input.pointsPrice) || input.pointsPrice < 1 || input.pointsPrice > 100_000)
    return fail("invalid_price");
  if (!Number.isSafeInteger(input.stock) || input.stock < 0 || input.stock > 100_000) return fail("invalid_stock");
  if (
    input.monthlyLimit !== null &&
    (!Number.isSafeInteger(input.monthlyLimit) || input.monthlyLimit < 1 || input.monthlyLimit > 100)
  )
    return fail("invalid_limit");
  return ok({ item: { ...input, name, description: input.description.trim() } });
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** `2026-11` → [first instant, first instant of the next month) in Asia/Shanghai, epoch ms. */
export function shanghaiMonthRange(month: string): [number, number] {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return [Date.UTC(year, monthNumber - 1, 1) - SHANGHAI_OFFSET_MS, Date.UTC(year, monthNumber, 1) - SHANGHAI_OFFSET_MS];
}
