import { describe, expect, it } from "vitest";
import {
  affordableFirst,
  checkItem,
  decidePickup,
  decideRedemption,
  isDue,
  isLowStock,
  LOW_STOCK_UNITS,
  pickupCode,
  reservationExpiresAt,
  shanghaiMonth,
  shanghaiMonthRange,
  type RedemptionContext,
} from "./store";
import { must } from "./result";

type Over = {
  available?: number;
  redeemedThisMonth?: number;
  quantity?: number;
  item?: Partial<RedemptionContext["item"]>;
};
const ctx = (over: Over = {}): RedemptionContext => ({
  available: 100,
  redeemedThisMonth: 0,
  quantity: 1,
  ...over,
  item: { active: true, pointsPrice: 30, stock: 5, monthlyLimit: 2, ...over.item },
});

describe("redemption rules", () => {
  it.each([
    {
      case: "a withdrawn item",
      over: { item: { active: false }, available: 0 },
      expected: { ok: false, reason: "item_inactive" },
    },
    { case: "a quantity of zero", over: { quantity: 0 }, expected: { ok: false, reason: "invalid_quantity" } },
    {
      case: "a quantity of eleven",
      over: { quantity: 11, item: { stock: 20, monthlyLimit: null } },
      expected: { ok: false, reason: "invalid_quantity" },
    },
    {
      case: "the last unit gone (stock before the balance)",
      over: { item: { stock: 0 }, available: 0 },
      expected: { ok: false, reason: "out_of_stock" },
    },
    {
      case: "two asked, one left",
      over: { quantity: 2, item: { stock: 1 } },
      expected: { ok: false, reason: "out_of_stock" },
    },
    {
      case: "the month's limit reached",
      over: { redeemedThisMonth: 2 },
      expected: { ok: false, reason: "monthly_limit" },
    },
    {
      case: "a limit crossed by the quantity",
      over: { redeemedThisMonth: 1, quantity: 2 },
      expected: { ok: false, reason: "monthly_limit" },
    },
    {
      case: "no limit at all",
      over: { redeemedThisMonth: 50, item: { monthlyLimit: null } },
      expected: { ok: true, points: 30 },
    },
    { case: "one point short", over: { available: 29 }, expected: { ok: false, reason: "insufficient_balance" } },
    { case: "exactly the price", over: { available: 30 }, expected: { ok: true, points: 30 } },
    { case: "two units", over: { quantity: 2, available: 60 }, expected: { ok: true, points: 60 } },
  ])("$case → $expected.ok", ({ over, expected }) => {
    expect(decideRedemption(ctx(over as Over))).toEqual(expected);
  });
});

describe("pickup and expiry", () => {
  const reservedAt = Date.parse("2026-12-01T10:00:00+08:00");
  const expiresAt = reservationExpiresAt(reservedAt);

  it("a reservation lasts 14 days to the millisecond", () => {
    expect(expiresAt - reservedAt).toBe(14 * 86_400_000);
  });

  it.each([
    {
      case: "a live reservation",
      status: "reserved" as const,
      at: expiresAt - 1,
      expected: { ok: true, status: "collected" },
    },
    {
      case: "one due but not yet swept",
      status: "reserved" as const,
      at: expiresAt,
      expected: { ok: false, reason: "reservation_expired" },
    },
    {
      case: "one already expired",
      status: "expired" as const,
      at: reservedAt,
      expected: { ok: false, reason: "reservation_expired" },
    },
    {
      case: "goods already handed over",
      status: "collected" as const,
      at: reservedAt,
      expected: { ok: false, reason: "already_collected" },
    },
  ])("handing over $case", ({ status, at, expected }) => {
    expect(decidePickup({ status, expiresAt }, at)).toEqual(expected);
  });

  it("only live reservations past their time are due for the sweep", () => {
    expect(isDue({ status: "reserved", expiresAt }, expiresAt)).toBe(true);
    expect(isDue({ status: "reserved", expiresAt }, expiresAt - 1)).toBe(false);
    expect(isDue({ status: "collected", expiresAt }, expiresAt + 1)).toBe(false);
  });
});

describe("store helpers", () => {
  it("months are counted in Asia/Shanghai", () => {
    expect(shanghaiMonth(Date.parse("2026-11-30T16:30:00Z"))).toBe("2026-12");
    expect(shanghaiMonthRange("2026-12")).toEqual([
      Date.parse("2026-12-01T00:00:00+08:00"),
      Date.parse("2027-01-01T00:00:00+08:00"),
    ]);
  });

  it("pickup codes are eight digits drawn from the source given", () => {
    const digits = [0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.95];
    let i = 0;
    expect(pickupCode(() => must(digits[i++]))).toBe("01234569");
  });

  it("what the volunteer can afford comes first, cheaper first; out-of-stock items are not affordable", () => {
    const items = [
      { id: 1, pointsPrice: 50, stock: 3, active: true },
      { id: 2, pointsPrice: 10, stock: 0, active: true },
      { id: 3, pointsPrice: 20, stock: 1, active: true },
      { id: 4, pointsPrice: 5, stock: 9, active: true },
    ];
    expect(affordableFirst(items, 25).map((i) => [i.id, i.affordable])).toEqual([
      [4, true],
      [3, true],
      [2, false],
      [1, false],
    ]);
  });

  it.each([
    { case: "a blank name", over: { name: "  " }, reason: "invalid_name" },
    { case: "a price of zero", over: { pointsPrice: 0 }, reason: "invalid_price" },
    { case: "negative stock", over: { stock: -1 }, reason: "invalid_stock" },
    { case: "a limit of zero", over: { monthlyLimit: 0 }, reason: "invalid_limit" },
  ])("an item with $case is refused", ({ over, reason }) => {
    expect(
      checkItem({ name: "大米", description: "", pointsPrice: 50, stock: 10, monthlyLimit: null, ...over }),
    ).toEqual({ ok: false, reason });
  });
});

describe("a store item", () => {
  it.each([
    { stock: 0, active: true, low: true },
    { stock: LOW_STOCK_UNITS, active: true, low: true },
    { stock: LOW_STOCK_UNITS + 1, active: true, low: false },
    { stock: 0, active: false, low: false },
  ])("with $stock left (on sale: $active) is low on stock: $low", ({ stock, active, low }) => {
    expect(isLowStock({ stock, active })).toBe(low);
  });
});
