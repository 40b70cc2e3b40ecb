import { REQUEST_CATEGORIES, type RequestCategory } from "./request";
import { fail, ok, type Result } from "./result";

export const SLOT_CAPACITY_MAX = 100;

export type SlotInput = { startsAt: number; endsAt: number; capacity: number };

export type OfferRefusal =
  | "category_not_a_service"
  | "no_slots"
  | "slot_ends_before_start"
  | "slot_in_past"
  | "capacity_out_of_range";

/** 资源清单: an offer serves a service category, with bookable slots in the future. */
export function decideOffer(
  input: { category: RequestCategory; slots: readonly SlotInput[] },
  now: number,
): Result<object, OfferRefusal> {
  if (!(REQUEST_CATEGORIES[input.category].kinds as readonly string[]).includes("service"))
    return fail("category_not_a_service");
  if (input.slots.length === 0) return fail("no_slots");
  for (const slot of input.slots) {
    if (slot.endsAt <= slot.startsAt) return fail("slot_ends_before_start");
    if (slot.startsAt <= now) return fail("slot_in_past");
    if (slot.capacity < 1 || slot.capacity > SLOT_CAPACITY_MAX) return fail("capacity_out_of_range");
  }
  return ok({});
}

/** A slot is booked before it starts; the seat itself is taken by the database's conditional update. */
export function decideBooking(
  slot: { startsAt: number },
  offer: { archivedAt: number | null },
  now: number,
): Result<object, "offer_closed" | "slot_started"> {
  if (offer.archivedAt !== null) return fail("offer_closed");
  if (now >= slot.startsAt) return fail("slot_started");
  return ok({});
}
