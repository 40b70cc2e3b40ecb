import { covers, grantsFor, inPerson, listDenial, type Actor, type AuthzDenial, type ResourceScope } from "./authz";
import { isMainlandMobile, nameProblem } from "./identity";
import { fail, ok, type Result } from "./result";

/**
 * 民情账: care profiles on households — who needs looking after, how often, and what the family consented to. The most
 * sensitive data Tongxin holds (decision 0016): read by the grid's worker, the community's staff and, while the family's
 * consent stands, the visitors paired with the household; nobody else, and nothing of it on a public or resident answer.
 */
export const CARE_CATEGORIES = [
  "livingAlone",
  "emptyNest",
  "leftBehindChild",
  "childInDifficulty",
  "hardshipFamily",
  "disability",
  "seriousIllness",
] as const;
export type BuiltInCareCategory = (typeof CARE_CATEGORIES)[number];
/** A community's own category is stored as a row of its own and named by key `custom:<id>`. */
export type CustomCareCategory = `custom:${number}`;
export type CareCategory = BuiltInCareCategory | CustomCareCategory;

export const customCareCategory = (id: number): CustomCareCategory => `custom:${id}`;

const CUSTOM_KEY = /^custom:([1-9]\d{0,15})$/;

/** The category a key names, when it is built in or one of the community's own (`customIds`); null otherwise. */
export function parseCareCategory(key: string, customIds: readonly number[]): CareCategory | null {
  if ((CARE_CATEGORIES as readonly string[]).includes(key)) return key as BuiltInCareCategory;
  const id = Number(CUSTOM_KEY.exec(key)?.[1]);
  return customIds.includes(id) ? customCareCategory(id) : null;
}

/** A community's own category needs a proper name, not one it already has (built-in names included, in the reader's language). */
export function decideCareCategoryName(
  name: string,
  takenNames: readonly string[],
): Result<{ name: string }, "invalid_name" | "name_taken"> {
  const trimmed = name.trim();
  if (nameProblem(name) !== null || trimmed.length > CARE_CATEGORY_NAME_CHARS_MAX) return fail("invalid_name");
  return takenNames.some((taken) => taken.trim() === trimmed) ? fail("name_taken") : ok({ name: trimmed });
}

/** How often a household is visited: the care level's interval between visits. */
export const CARE_LEVELS = {
  weekly: { intervalDays: 7 },
  fortnightly: { intervalDays: 14 },
  monthly: { intervalDays: 30 },
} as const;
export type CareLevel = keyof typeof CARE_LEVELS;
export const CARE_LEVEL_KEYS = Object.keys(CARE_LEVELS) as CareLevel[];

export const CARE_NEEDS_CHARS_MAX = 1000;
export const CARE_CATEGORIES_PER_HOUSEHOLD_MAX = 5;
/** A community's own category name (e.g. 退役军人): as short as the built-in ones. */
export const CARE_CATEGORY_NAME_CHARS_MAX = 20;
export const EMERGENCY_CONTACT_NAME_CHARS_MAX = 30;
export const RELATION_CHARS_MAX = 20;

export type EmergencyContact = { name: string; relation: string; phone: string };

export type CareProfileInput = {
  categories: readonly string[];
  level: CareLevel;
  needs: string;
  emergencyContact: EmergencyContact | null;
};

export type CareProfileRefusal =
  | "categories_required"
  | "unknown_care_category"
  | "too_many_categories"
  | "invalid_emergency_contact";

/** An emergency contact has a name, a relation and a mainland mobile number. */
export function isEmergencyContact(contact: EmergencyContact): boolean {
  const named = nameProblem(contact.name) === null && contact.name.trim().length <= EMERGENCY_CONTACT_NAME_CHARS_MAX;
  const related = nameProblem(contact.relation) === null && contact.relation.trim().length <= RELATION_CHARS_MAX;
  return named && related && isMainlandMobile(contact.phone);
}

/** A profile names one to CARE_CATEGORIES_PER_HOUSEHOLD_MAX known categories (repeats count once). */
export function decideCareProfile(
  input: CareProfileInput,
  customIds: readonly number[],
): Result<{ categories: CareCategory[] }, CareProfileRefusal> {
  const parsed = input.categories.map((key) => parseCareCategory(key, customIds));
  if (parsed.length === 0) return fail("categories_required");
  if (parsed.some((c) => c === null)) return fail("unknown_care_category");
  const categories = [...new Set(parsed as CareCategory[])];
  if (categories.length > CARE_CATEGORIES_PER_HOUSEHOLD_MAX) return fail("too_many_categories");
  if (input.emergencyContact && !isEmergencyContact(input.emergencyContact)) return fail("invalid_emergency_contact");
  return ok({ categories });
}

/** Who gave consent: the resident, or for them (a child, someone unable to) a guardian or a family member. */
export const CONSENT_GIVERS = ["self", "guardian", "family"] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

export type Consent = {
  givenBy: ConsentGiver;
  givenByName: string;
  givenAt: number;
  /** Photos taken on visits may be kept only with this. */
  photos: boolean;
  withdrawnAt: number | null;
};

export const consentStands = (consent: Consent | null): consent is Consent =>
  consent !== null && consent.withdrawnAt === null;

/** Paired visitors see the profile only while the family's consent stands; withdrawn, it is hidden from them at once. */
export const visibleToVisitors = (profile: { consent: Consent | null }): boolean => consentStands(profile.consent);

/** A visit's photo is kept only when the standing consent covers photos. */
export const photoAllowed = (profile: { consent: Consent | null }): boolean =>
  consentStands(profile.consent) && profile.consent.photos;

/** Staff record consent as the family gave it, now; a new consent replaces the one before (e.g. to add photos). */
export function decideConsent(
  input: { givenBy: ConsentGiver; givenByName: string; photos: boolean },
  now: number,
): Result<{ consent: Consent }, "invalid_name"> {
  if (nameProblem(input.givenByName) !== null) return fail("invalid_name");
  return ok({ consent: { ...input, givenByName: input.givenByName.trim(), givenAt: now, withdrawnAt: null } });
}

/** Consent is withdrawn once, at the family's word; what was recorded under it stays, hidden from visitors. */
export function decideConsentWithdrawal(
  consent: Consent | null,
  now: number,
): Result<{ consent: Consent }, "already_withdrawn"> {
  if (!consentStands(consent)) return fail("already_withdrawn");
  return ok({ consent: { ...consent, withdrawnAt: now } });
}

/** How a reader comes to a household's profile: the grid's worker, the community's staff, a paired visitor. */
export type CareReader = "gridWorker" | "communityStaff" | "visitor";
/** The roles that read by their grant (`care.read`); a role added to that policy reads only once named here too. */
const CARE_OFFICIALS = ["gridWorker", "communityStaff"] as const satisfies readonly CareReader[];
type CareOfficial = (typeof CARE_OFFICIALS)[number];

/** Where the household sits: its street, community and grid chain (as the API's `householdScope` loads it). */
export type CareHousehold = ResourceScope & { communityId: number; gridIds: readonly number[] };

/** Every way the actor reaches the household: a grant of `care.read` over it, or an active pairing. */
export function careReadersOf(
  actor: Actor,
  household: CareHousehold,
  pairedVisitorIds: readonly number[],
): CareReader[] {
  const granted = grantsFor(actor, "care.read")
    .filter((g) => covers(g, household))
    .map((g) => g.role)
    .filter((role): role is CareOfficial => (CARE_OFFICIALS as readonly string[]).includes(role));
  const readers = [...new Set(granted)];
  const visitor = pairedVisitorIds.includes(actor.userId) && inPerson(actor);
  return visitor ? [...readers, "visitor"] : readers;
}

/**
 * The one decision for every read of a care profile (and of the household's visits): the grid's worker and the
 * community's staff always, a paired visitor only while consent stands; anyone else — a resident, an unpaired
 * volunteer, another grid's worker, another community's staff, the street — is forbidden.
 */
export function decideCareRead(
  actor: Actor | null,
  household: CareHousehold,
  pairedVisitorIds: readonly number[],
  consent: Consent | null,
): Result<{ reader: CareReader }, AuthzDenial> {
  if (!actor) return fail("unauthenticated");
  const readers = careReadersOf(actor, household, pairedVisitorIds);
  const official = readers.find((r) => r !== "visitor");
  if (official) return ok({ reader: official });
  const visiting = readers.includes("visitor") && consentStands(consent);
  return visiting ? ok({ reader: "visitor" }) : fail(listDenial(actor, "care.read"));
}

/** Counts of cared-for households below this are not shown on any dashboard: a small count points at a family. */
export const CARE_COUNT_SHOWN_MIN = 5;

export const suppressSmall = (count: number): number | null => (count < CARE_COUNT_SHOWN_MIN ? null : count);

/** A per-grid table of counts (rows: grids, columns: categories) with its totals, as a dashboard may show it. */
export type SuppressedTable = {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
};

/** One additive line: its members' positions and the position of their total, in a flat list of all values. */
type Line = { members: number[]; total: number };

function linesOf(rows: number, columns: number): Line[] {
  const cell = (r: number, c: number) => r * columns + c;
  const rowTotal = (r: number) => rows * columns + r;
  const columnTotal = (c: number) => rows * columns + rows + c;
  const grand = rows * columns + rows + columns;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return [
    ...range(rows).map((r) => ({ members: range(columns).map((c) => cell(r, c)), total: rowTotal(r) })),
    ...range(columns).map((c) => ({ members: range(rows).map((r) => cell(r, c)), total: columnTotal(c) })),
    { members: range(rows).map(rowTotal), total: grand },
    { members: range(columns).map(columnTotal), total: grand },
  ];
}

/**
 * A line with its total shown and exactly one member hidden gives that member away (total − the others): hide the
 * next smallest member too, or the total when there is no other. Returns whether anything changed.
 */
function protectLine(line: Line, values: readonly number[], hidden: boolean[]): boolean {
  const hiddenMembers = line.members.filter((i) => hidden[i]);
  if (hidden[line.total] || hiddenMembers.length !== 1) return false;
  const shown = line.members.filter((i) => !hidden[i]).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  hidden[shown[0] ?? line.total] = true;
  return true;
}

/**
 * Primary suppression (every count below CARE_COUNT_SHOWN_MIN, totals too) and then secondary suppression until no
 * hidden count can be worked out from a shown total and the other shown counts of its row or column.
 */
export function suppressTable(counts: readonly (readonly number[])[]): SuppressedTable {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  const rowTotals = counts.map((row) => row.reduce((s, n) => s + n, 0));
  const columnTotals = Array.from({ length: columns }, (_, c) => counts.reduce((s, row) => s + (row[c] ?? 0), 0));
  const values = [...counts.flat(), ...rowTotals, ...columnTotals, rowTotals.reduce((s, n) => s + n, 0)];
  const hidden = values.map((n) => suppressSmall(n) === null);
  const lines = linesOf(rows, columns);
  let unsafe = true;
  while (unsafe) unsafe = lines.some((line) => protectLine(line, values, hidden));
  const shown = values.map((n, i) => (hidden[i] ? null : n));
  return {
    cells: counts.map((_, r) => shown.slice(r * columns, (r + 1) * columns)),
    rowTotals: shown.slice(rows * columns, rows * columns + rows),
    columnTotals: shown.slice(rows * columns + rows, rows * columns + rows + columns),
    total: shown[values.length - 1] ?? null,
  };
}

/** Households counted per grid and category, as the API groups them (a household counts once under each category). */
export type CareCountCell = { gridId: number; category: CareCategory; n: number };

/** The dashboard's care table: one row per grid, one column per category, suppressed as `suppressTable` says. */
export function careCountTable(
  cells: readonly CareCountCell[],
  gridIds: readonly number[],
  categories: readonly CareCategory[],
): SuppressedTable & { gridIds: readonly number[]; categories: readonly CareCategory[] } {
  const count = (gridId: number, category: CareCategory) =>
    cells.reduce((s, c) => (c.gridId === gridId && c.category === category ? s + c.n : s), 0);
  const counts = gridIds.map((gridId) => categories.map((category) => count(gridId, category)));
  return { gridIds, categories, ...suppressTable(counts) };
}
