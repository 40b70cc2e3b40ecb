import { describe, expect, it } from "vitest";
import { decideBooking, decideOffer } from "./offer";

const H = 3_600_000;
const now = 100 * H;
const slot = { startsAt: now + 24 * H, endsAt: now + 26 * H, capacity: 5 };

describe("offers", () => {
  it.each([
    { case: "a wish category", input: { category: "item" as const, slots: [slot] }, reason: "category_not_a_service" },
    { case: "no slots", input: { category: "haircut" as const, slots: [] }, reason: "no_slots" },
    {
      case: "a slot ending before it starts",
      input: { category: "haircut" as const, slots: [{ ...slot, endsAt: slot.startsAt }] },
      reason: "slot_ends_before_start",
    },
    {
      case: "a slot in the past",
      input: { category: "haircut" as const, slots: [{ ...slot, startsAt: now - H, endsAt: now }] },
      reason: "slot_in_past",
    },
    {
      case: "a slot of 101",
      input: { category: "haircut" as const, slots: [{ ...slot, capacity: 101 }] },
      reason: "capacity_out_of_range",
    },
  ])("refuses $case", ({ input, reason }) => {
    expect(decideOffer(input, now)).toEqual({ ok: false, reason });
  });

  it("accepts a haircut offer with future slots", () => {
    expect(decideOffer({ category: "haircut", slots: [slot] }, now)).toEqual({ ok: true });
  });

  it.each([
    { offer: { archivedAt: 1 }, at: now, expected: { ok: false, reason: "offer_closed" } },
    { offer: { archivedAt: null }, at: slot.startsAt, expected: { ok: false, reason: "slot_started" } },
    { offer: { archivedAt: null }, at: now, expected: { ok: true } },
  ])("booking at $at with archivedAt $offer.archivedAt", ({ offer, at, expected }) => {
    expect(decideBooking(slot, offer, at)).toEqual(expected);
  });
});
