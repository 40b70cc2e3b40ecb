import {
  authorize,
  CARE_CATEGORIES,
  column,
  fail,
  ok,
  type BuiltInCareCategory,
  type ExportLanguage,
} from "@tongxin/core";
import { recordCareAccesses } from "../access-log/record";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { CARE_CATEGORY_WORDS, CARE_LEVEL_WORDS, CONSENT_WORDS, VISIT_DUE_WORDS, wordOf } from "../book-words";
import type { Call } from "../call";
import { limitOf, type PageInput } from "../page";
import { gridScope, gridSubtree } from "../scope";
import { bookGrids, readBookPage, type BookRow } from "./book-page";

const NAMES_SEPARATOR = { zh: "、", en: ", " } as const;

const categoryName = (c: BookRow["categories"][number], language: ExportLanguage) =>
  c.name ??
  ((CARE_CATEGORIES as readonly string[]).includes(c.key)
    ? CARE_CATEGORY_WORDS[c.key as BuiltInCareCategory][language]
    : c.key);

function consentText(r: BookRow, language: ExportLanguage) {
  if (!r.consent) return CONSENT_WORDS.none[language];
  const state = CONSENT_WORDS[r.consent.withdrawnAt ? "withdrawn" : "given"][language];
  return `${state} (${r.consent.givenByName})`;
}

/** 民情账: one row per household with a care profile; every download of it is written to the access log. */
const CARE_BOOK: BookSpec<BookRow> = {
  title: { zh: "民情账", en: "Care book" },
  columns: [
    column("household", ["户", "Household"], "text", 28, (r) => r.label),
    column("grid", ["网格", "Grid"], "text", 14, (r) => r.gridName),
    column("residents", ["居民", "Residents"], "text", 20, (r, l) =>
      r.residents.map((p) => p.name).join(NAMES_SEPARATOR[l]),
    ),
    column("categories", ["关爱类别", "Categories"], "text", 24, (r, l) =>
      r.categories.map((c) => categoryName(c, l)).join(NAMES_SEPARATOR[l]),
    ),
    column("level", ["走访频次", "Visits"], "text", 10, (r, l) => wordOf(CARE_LEVEL_WORDS, r.level, l)),
    column("needs", ["需求", "Needs"], "text", 40, (r) => r.needs),
    column("consent", ["知情同意", "Consent"], "text", 18, consentText),
    column("emergency", ["紧急联系人", "Emergency contact"], "text", 16, (r) =>
      r.emergencyContact ? `${r.emergencyContact.name} (${r.emergencyContact.relation})` : null,
    ),
    column("emergencyPhone", ["紧急联系电话", "Emergency phone"], "text", 14, (r) => r.emergencyContact?.phone ?? null),
    column("visitors", ["结对人", "Paired visitors"], "text", 20, (r, l) =>
      r.pairings.map((p) => p.visitorName).join(NAMES_SEPARATOR[l]),
    ),
    column("lastVisit", ["最近走访", "Last visit"], "date", 12, (r) => r.lastVisitedOn),
    column("nextVisit", ["下次走访", "Next visit"], "date", 12, (r) => r.nextVisitOn),
    column("due", ["走访状态", "Visit status"], "text", 10, (r, l) => wordOf(VISIT_DUE_WORDS, r.due, l)),
    column("openRequests", ["未办结诉求", "Open requests"], "number", 10, (r) => r.requests.open),
    column("closedRequests", ["已结束诉求", "Closed requests"], "number", 10, (r) => r.requests.closed),
  ],
};

/**
 * The grid when the actor reads its care (decision 0016: its grid's worker or a grid's above, the community's staff;
 * not the street, the committee, a resident or a volunteer), with the grids below it the book reads.
 */
async function authorizeBook(call: Call, gridId: number) {
  const db = call.deps.database.db;
  if (!call.actor) return fail("unauthenticated");
  const scope = await gridScope(db, gridId);
  if (!scope) return fail("not_found");
  const allowed = authorize(call.actor, "care.read", scope);
  if (!allowed.ok) return allowed;
  return ok({ actorUserId: call.actor.userId, grids: await bookGrids(db, await gridSubtree(db, gridId)) });
}

/** One access-log row per household the page or the book showed (place `careBook`), in one statement. */
const recordShown = (call: Call, actorUserId: number, rows: readonly BookRow[]) =>
  recordCareAccesses(
    call.deps.database.db,
    rows.map((r) => ({
      communityId: r.communityId,
      actorUserId,
      subjectHouseholdId: r.householdId,
      entity: "careBook",
    })),
    call.deps.now(),
  );

/** A page of the grid's 民情账, in household order. */
export async function careBookPage(call: Call, gridId: number, input: PageInput) {
  const allowed = await authorizeBook(call, gridId);
  if (!allowed.ok) return allowed;
  const page = await readBookPage(call.deps.database.db, allowed.grids, input.cursor, limitOf(input), call.deps.now());
  if (!page.ok) return page;
  await recordShown(call, allowed.actorUserId, page.items);
  return page;
}

/** 民情账 as XLSX or CSV: every page of the grid's book, each page logged as it is written. */
export async function careBook(call: Call, gridId: number, request: BookRequest) {
  const allowed = await authorizeBook(call, gridId);
  if (!allowed.ok) return allowed;
  const db = call.deps.database.db;
  return openBook(
    CARE_BOOK,
    (cursor) => readBookPage(db, allowed.grids, cursor, BOOK_PAGE_ROWS, call.deps.now()),
    request,
    call.deps.now(),
    (rows) => recordShown(call, allowed.actorUserId, rows),
  );
}
