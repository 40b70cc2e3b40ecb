import { REQUEST_CATEGORIES, type RequestCategory, type RequestRole } from "./request";
import { fail, ok, type Result } from "./result";
import { maskPhone } from "./identity";

/** Serving means coming to the resident's door: only then does the holder need the door number. */
export const needsVisit = (category: RequestCategory): boolean => REQUEST_CATEGORIES[category].visit;

/** What of the owner a reader of a request sees; `address` runs none → building → door. */
export type ContactView = { fullName: boolean; phone: boolean; address: "none" | "building" | "door" };

/**
 * Need to know: the resident sees their own details, staff in scope all of
 * them, the holder name and phone only while holding and the door only for a
 * visit; anyone else a masked name. `roles` are the reader's current roles, so
 * a released holder is no longer "holder".
 */
export function contactView(roles: readonly RequestRole[], category: RequestCategory): ContactView {
  if (roles.includes("owner") || roles.includes("staff")) return { fullName: true, phone: true, address: "door" };
  if (roles.includes("holder"))
    return { fullName: true, phone: true, address: needsVisit(category) ? "door" : "building" };
  return { fullName: false, phone: false, address: "none" };
}

/** Which contact fields a view reveals, as the access log writes them (`phone`, `address`, `phone,address`), or null. */
export function revealedFields(view: ContactView): string | null {
  const fields = [view.phone ? "phone" : null, view.address !== "none" ? "address" : null].filter((f) => f !== null);
  return fields.length ? fields.join(",") : null;
}

/** Where a resident's contact was read: a request, a staff list (accounts, volunteers, a shift's roster, a team's members, the residents picker for posting on their behalf), or the store desk checking who collects. */
/**
 * Where a read happened; `book` is a list downloaded as a book (台账), a bulk read of every person in it; `care` a
 * household's care profile (every read, decision 0016) and `careBook` the grid's 民情账 downloaded.
 */
export const ACCESS_PLACES = [
  "request",
  "accounts",
  "volunteers",
  "roster",
  "team",
  "store",
  "residents",
  "book",
  "care",
  "careBook",
] as const;
export type AccessPlace = (typeof ACCESS_PLACES)[number];

/**
 * A volunteer claims residents' requests (and so sees their phones) only once
 * someone in the community has vouched for them — a team leader approved them
 * into a team, an organiser confirmed their service, or they hold a role — and
 * may then release 3 claims a (Shanghai) day and hold 5 requests at once
 * (until the resident confirms): enough to serve, too few to walk residents'
 * phone numbers by claiming and releasing. A fresh account reaches no one.
 */
export const CLAIM_LIMITS = { releasesPerDay: 3, heldAtOnce: 5 } as const;

export type ClaimLimitRefusal = "not_vouched" | "released_too_often" | "holding_too_many";

/** Acts that reach residents at home — claiming their requests, publishing a personal offer they book — need a volunteer someone vouched for. */
export const decideVouched = (vouched: boolean): Result<object, "not_vouched"> =>
  vouched ? ok({}) : fail("not_vouched");

/** Decides a volunteer's claim: vouched for first, then their releases today and the requests they hold now. */
export function decideClaimLimits(counts: {
  vouched: boolean;
  releasedToday: number;
  holding: number;
}): Result<object, ClaimLimitRefusal> {
  const vouched = decideVouched(counts.vouched);
  if (!vouched.ok) return vouched;
  if (counts.releasedToday >= CLAIM_LIMITS.releasesPerDay) return fail("released_too_often");
  if (counts.holding >= CLAIM_LIMITS.heldAtOnce) return fail("holding_too_many");
  return ok({});
}

/** A claim released this soon was a slip: the resident is not told of it at all. */
export const QUIET_RELEASE_MS = 10 * 60_000;

export const isQuietRelease = (claimedAt: number, releasedAt: number): boolean =>
  releasedAt - claimedAt <= QUIET_RELEASE_MS;

/** A mainland mobile number wherever it stands in a record, and the fields that hold a phone by name. */
const MOBILE = /^1\d{10}$/;
const PHONE_FIELD = /phone$/i;
/** The community's 监督电话 is published on its notices: nobody's personal contact. */
const PUBLIC_PHONE_FIELDS = new Set(["supervisionPhone"]);

/**
 * The details of an audit entry as its readers see them: who changed what stays, the phones inside
 * (a resident registered by staff, a partner unit's contact) are masked. Auditors need to know a phone
 * changed, not the number; those entrusted read it where its read is recorded (decision 0008).
 */
export function maskContacts(details: unknown, field = ""): unknown {
  if (Array.isArray(details)) return details.map((item) => maskContacts(item, field));
  if (details !== null && typeof details === "object")
    return Object.fromEntries(Object.entries(details).map(([key, value]) => [key, maskContacts(value, key)]));
  if (typeof details !== "string" || PUBLIC_PHONE_FIELDS.has(field)) return details;
  return PHONE_FIELD.test(field) || MOBILE.test(details) ? maskPhone(details) : details;
}
