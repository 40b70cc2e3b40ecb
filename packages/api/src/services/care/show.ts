import { and, asc, desc, eq, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { fail, nextVisitOn, ok, shanghaiDate, visitDue, type CareLevel, type CareReader, must } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { carePairings, careVisits, requests, users } from "../../db/schema";
import type { Call } from "../call";
import { recordCareAccesses } from "../access-log/record";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { toIso } from "../../time";
import { categoriesOfHouseholds } from "./book-page";
import { readCare, type CareProfileRow } from "./load";

type Reader = Db | Tx;

/** One read of the household's care by the actor, logged (decision 0016). */
const logRead = (db: Reader, read: { household: { id: number; communityId: number } }, actorId: number, now: number) =>
  recordCareAccesses(
    db,
    [
      {
        communityId: read.household.communityId,
        actorUserId: actorId,
        subjectHouseholdId: read.household.id,
        entity: "care",
      },
    ],
    now,
  );
/** Requests of the household shown on its page: the newest, enough for the loop of what visits found. */
const HOUSEHOLD_REQUESTS_SHOWN = 20;

/** A household's categories with their names (see `categoriesOfHouseholds`). */
export async function categoriesOf(db: Reader, householdId: number) {
  return (await categoriesOfHouseholds(db, [householdId]))(householdId);
}

/** The plan as the visitor and the book read it: next due day and where it stands today. */
export function planOf(profile: CareProfileRow, today: string) {
  const plan = { level: profile.level as CareLevel, lastVisitedOn: profile.lastVisitedOn, since: profile.sinceOn };
  return { nextVisitOn: nextVisitOn(plan), due: visitDue(plan, today) };
}

async function profileView(db: Reader, profile: CareProfileRow, today: string) {
  return {
    categories: await categoriesOf(db, profile.householdId),
    level: profile.level as CareLevel,
    needs: profile.needs,
    emergencyContact:
      profile.emergencyName === null
        ? null
        : {
            name: profile.emergencyName,
            relation: profile.emergencyRelation ?? "",
            phone: profile.emergencyPhone ?? "",
          },
    consent:
      profile.consentBy === null
        ? null
        : {
            givenBy: profile.consentBy,
            givenByName: profile.consentByName ?? "",
            givenAt: toIso(profile.consentAt),
            photos: profile.consentPhotos,
            withdrawnAt: toIso(profile.consentWithdrawnAt),
          },
    sinceOn: profile.sinceOn,
    lastVisitedOn: profile.lastVisitedOn,
    ...planOf(profile, today),
  };
}

/** A page of the household's visits, newest first: a visitor sees what the visits before theirs found. */
async function visitsPage(db: Reader, householdId: number, input: PageInput) {
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows = await db
    .select({
      id: careVisits.id,
      visitedOn: careVisits.visitedOn,
      mode: careVisits.mode,
      wellbeing: careVisits.wellbeing,
      needs: careVisits.needs,
      // The photo itself is read one at a time (`visitPhoto`): a page of visits stays small on a phone.
      hasPhoto: sql<boolean>`${careVisits.photo} is not null`,
      visitorName: users.name,
      byVolunteer: careVisits.byVolunteer,
      campaignId: careVisits.campaignId,
      requestId: careVisits.requestId,
      confirmedAt: careVisits.confirmedAt,
      hoursMinutes: careVisits.hoursMinutes,
    })
    .from(careVisits)
    .innerJoin(users, eq(users.id, careVisits.visitorUserId))
    .where(and(eq(careVisits.householdId, householdId), cursor.after ? lt(careVisits.id, cursor.after) : undefined))
    .orderBy(desc(careVisits.id))
    .limit(limit + 1);
  return ok(
    toPage(
      rows.map((r) => ({ ...r, hasPhoto: Boolean(r.hasPhoto), confirmedAt: toIso(r.confirmedAt) })),
      limit,
    ),
  );
}

/** Who visits: every pairing (ended ones with their reason) for officials, only their own for a visitor. */
async function pairingsOf(db: Reader, householdId: number, reader: CareReader, actorId: number) {
  const onlyOwn: SQL | undefined = reader === "visitor" ? eq(carePairings.visitorUserId, actorId) : undefined;
  const rows = await db
    .select({ pairing: carePairings, visitorName: users.name })
    .from(carePairings)
    .innerJoin(users, eq(users.id, carePairings.visitorUserId))
    .where(and(eq(carePairings.householdId, householdId), onlyOwn))
    .orderBy(asc(carePairings.id));
  return rows.map(({ pairing, visitorName }) => ({
    id: pairing.id,
    visitorUserId: pairing.visitorUserId,
    visitorName,
    kind: pairing.kind,
    startedAt: must(toIso(pairing.startedAt)),
    endedAt: toIso(pairing.endedAt),
    endReason: pairing.endReason,
  }));
}

/** The household's residents and the requests posted for them, newest first, with their state. */
async function residentsAndRequests(db: Reader, householdId: number, reader: CareReader) {
  const residents = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.householdId, householdId), isNull(users.disabledAt)))
    .orderBy(asc(users.id));
  const owners = residents.map((r) => r.id).concat(-1);
  const rows = await db
    .select({
      id: requests.id,
      category: requests.category,
      status: requests.status,
      createdAt: requests.createdAt,
      fromVisit: requests.fromVisit,
    })
    .from(requests)
    // A visitor follows what visits found; the residents' own requests are not theirs to read (decision 0016).
    .where(and(inArray(requests.ownerUserId, owners), reader === "visitor" ? eq(requests.fromVisit, true) : undefined))
    .orderBy(desc(requests.id))
    .limit(HOUSEHOLD_REQUESTS_SHOWN);
  return { residents, requests: rows.map((r) => ({ ...r, createdAt: must(toIso(r.createdAt)) })) };
}

/** 户情页: the household's care for those who may read it, every read written to the access log. */
export async function showCare({ deps, actor }: Call, householdId: number) {
  const now = deps.now();
  const db = deps.database.db;
  const read = await readCare(db, actor, householdId);
  if (!read.ok) return read;
  const { household, profile, reader } = read;
  const actorId = must(actor).userId;
  const visits = await visitsPage(db, householdId, {});
  if (!visits.ok) return fail(visits.reason);
  const people = await residentsAndRequests(db, householdId, reader);
  await logRead(db, read, actorId, now);
  return ok({
    household: {
      id: household.id,
      label: household.label,
      gridId: household.gridId,
      gridName: household.gridName,
      communityId: household.communityId,
    },
    reader,
    profile: profile ? await profileView(db, profile, shanghaiDate(now)) : null,
    pairings: await pairingsOf(db, householdId, reader, actorId),
    visits: { items: visits.items, nextCursor: visits.nextCursor },
    ...people,
  });
}

/** More of the household's visits, read through the same gate and logged like the page. */
export async function listCareVisits({ deps, actor }: Call, householdId: number, input: PageInput) {
  const db = deps.database.db;
  const read = await readCare(db, actor, householdId);
  if (!read.ok) return read;
  const actorId = must(actor).userId;
  const page = await visitsPage(db, householdId, input);
  if (!page.ok) return page;
  await logRead(db, read, actorId, deps.now());
  return page;
}

/** A visit's photo, through the same gate as the household's page, and logged like it. */
export async function visitPhoto({ deps, actor }: Call, visitId: number) {
  const db = deps.database.db;
  const [visit] = await db
    .select({ householdId: careVisits.householdId, photo: careVisits.photo })
    .from(careVisits)
    .where(eq(careVisits.id, visitId));
  if (!visit) return fail("not_found");
  const read = await readCare(db, actor, visit.householdId);
  if (!read.ok) return read;
  if (visit.photo === null) return fail("not_found");
  await logRead(db, read, must(actor).userId, deps.now());
  return ok({ photo: visit.photo });
}
