import { and, desc, eq, inArray, lt } from "drizzle-orm";
import {
  authorize,
  campaignProgress,
  campaignRunning,
  campaignTargets,
  decideCampaign,
  fail,
  grantsFor,
  must,
  ok,
  shanghaiDate,
  type Actor,
  type CampaignKind,
  type CareCategory,
  type Consent,
  listDenial,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { careCampaigns, careCategories, careProfileCategories, careProfiles, careVisits, grids } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { decodeCursor, limitOf, toPage, type PageInput } from "../page";
import { authorizeInCommunity, communityScope, gridSubtree } from "../scope";
import { toIso } from "../../time";
import { consentOf, readCare } from "./load";
import { categoriesOf } from "./show";

type Reader = Db | Tx;

export type CampaignInput = {
  kind: CampaignKind;
  title: string;
  categories: string[];
  startsOn: string;
  endsOn: string;
};

/**
 * Whose households a reader of the community's campaigns counts: the community's staff all of them (null), a grid
 * worker their grids and the grids below. Anyone else is refused; an unknown community is not found.
 */
async function campaignReach(db: Reader, actor: Actor, communityId: number) {
  const scope = await communityScope(db, communityId);
  if (!scope) return fail("not_found");
  const allowed = authorize(actor, "care.read", scope);
  if (allowed.ok) return ok({ gridIds: null });
  if (allowed.reason !== "forbidden") return allowed;
  const gridGrants = grantsFor(actor, "care.read").filter((g) => g.scopeKind === "grid");
  const own = gridGrants.length
    ? await db
        .select({ id: grids.id })
        .from(grids)
        .where(
          and(
            eq(grids.communityId, communityId),
            inArray(
              grids.id,
              gridGrants.map((g) => g.scopeId),
            ),
          ),
        )
    : [];
  if (own.length === 0) return fail(listDenial(actor, "care.read"));
  const subtrees = await Promise.all(own.map((g) => gridSubtree(db, g.id)));
  return ok({ gridIds: [...new Set(subtrees.flat())] });
}

/** The community's profiles in reach, with categories and consent as core's campaign rules read them. */
async function profilesInReach(db: Reader, communityId: number, gridIds: number[] | null) {
  const rows = await db
    .select({
      householdId: careProfiles.householdId,
      category: careProfileCategories.category,
      consentBy: careProfiles.consentBy,
      consentByName: careProfiles.consentByName,
      consentAt: careProfiles.consentAt,
      consentPhotos: careProfiles.consentPhotos,
      consentWithdrawnAt: careProfiles.consentWithdrawnAt,
    })
    .from(careProfiles)
    .innerJoin(careProfileCategories, eq(careProfileCategories.householdId, careProfiles.householdId))
    .where(and(eq(careProfiles.communityId, communityId), gridIds ? inArray(careProfiles.gridId, gridIds) : undefined));
  const byHousehold = new Map<number, { householdId: number; categories: CareCategory[]; consent: Consent | null }>();
  for (const r of rows) {
    const consent =
      r.consentBy && r.consentAt !== null
        ? {
            givenBy: r.consentBy,
            givenByName: r.consentByName ?? "",
            givenAt: r.consentAt,
            photos: r.consentPhotos,
            withdrawnAt: r.consentWithdrawnAt,
          }
        : null;
    const profile = byHousehold.get(r.householdId) ?? { householdId: r.householdId, categories: [], consent };
    profile.categories.push(r.category as CareCategory);
    byHousehold.set(r.householdId, profile);
  }
  return [...byHousehold.values()];
}

async function customCategories(db: Reader, communityId: number) {
  return db
    .select({ id: careCategories.id, name: careCategories.name })
    .from(careCategories)
    .where(eq(careCategories.communityId, communityId));
}

export type CampaignListInput = PageInput & { communityId: number };

/** 五送: the community's campaigns, newest first, each with its progress over the households the reader looks after. */
export async function listCampaigns(call: Call, input: CampaignListInput) {
  if (!call.actor) return fail("unauthenticated");
  const db = call.deps.database.db;
  const reach = await campaignReach(db, call.actor, input.communityId);
  if (!reach.ok) return reach;
  const cursor = decodeCursor(input.cursor);
  if (!cursor.ok) return cursor;
  const limit = limitOf(input);
  const rows = await db
    .select()
    .from(careCampaigns)
    .where(
      and(
        eq(careCampaigns.communityId, input.communityId),
        input.cursor ? lt(careCampaigns.id, cursor.after) : undefined,
      ),
    )
    .orderBy(desc(careCampaigns.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  const ids = page.items.map((c) => c.id);
  const [profiles, visits, custom] = await Promise.all([
    profilesInReach(db, input.communityId, reach.gridIds),
    ids.length
      ? db
          .select({ householdId: careVisits.householdId, campaignId: careVisits.campaignId, gridId: careVisits.gridId })
          .from(careVisits)
          .where(inArray(careVisits.campaignId, ids))
      : [],
    customCategories(db, input.communityId),
  ]);
  const visitsInReach = reach.gridIds ? visits.filter((v) => reach.gridIds?.includes(v.gridId)) : visits;
  const today = shanghaiDate(call.deps.now());
  const items = page.items.map((c) => {
    const categories = JSON.parse(c.categories) as CareCategory[];
    const targets = campaignTargets(profiles, categories).map((p) => p.householdId);
    return {
      id: c.id,
      kind: c.kind,
      title: c.title,
      categories: categories.map((key) => ({ key, name: custom.find((k) => `custom:${k.id}` === key)?.name ?? null })),
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      running: campaignRunning(c, today),
      createdAt: toIso(c.createdAt),
      progress: campaignProgress(targets, visitsInReach, c.id),
    };
  });
  return ok({ items, nextCursor: page.nextCursor });
}

/** Staff start a 五送 campaign for households in chosen categories over a span of days. Audited. */
export async function createCampaign(call: Call, communityId: number, input: CampaignInput) {
  if (!call.actor) return fail("unauthenticated");
  const actor = call.actor;
  const db = call.deps.database.db;
  const allowed = await authorizeInCommunity(db, actor, "care.manage", communityId);
  if (!allowed.ok) return allowed;
  const custom = await customCategories(db, communityId);
  const decided = decideCampaign(
    input,
    custom.map((k) => k.id),
  );
  if (!decided.ok) return decided;
  const now = call.deps.now();
  const values = { ...input, communityId, categories: JSON.stringify(decided.categories) };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(careCampaigns)
      .values({ ...values, createdBy: actor.userId, createdAt: now })
      .returning({ id: careCampaigns.id });
    const id = must(row, "the inserted campaign").id;
    const entry = {
      actorUserId: actor.userId,
      action: "care.campaign.create",
      entity: "care_campaign",
      entityId: id,
      scope: allowed.scope,
      after: { ...values, categories: decided.categories },
    };
    await writeAudit(tx, entry, { requestId: call.requestId, now });
    return ok({ id });
  });
}

/**
 * The campaigns a visit to this household may count for (the visit form's picker): running today and aimed at one of
 * its categories while its consent stands (core `campaignTargets`). For whoever may read the household's care.
 */
export async function householdCampaigns(call: Call, householdId: number) {
  const db = call.deps.database.db;
  const read = await readCare(db, call.actor, householdId);
  if (!read.ok) return read;
  if (!read.profile) return ok({ items: [] });
  const profile = read.profile;
  const [own, rows] = await Promise.all([
    categoriesOf(db, householdId),
    db
      .select()
      .from(careCampaigns)
      .where(eq(careCampaigns.communityId, read.household.communityId))
      .orderBy(desc(careCampaigns.id)),
  ]);
  const target = { categories: own.map((c) => c.key as CareCategory), consent: consentOf(profile) };
  const today = shanghaiDate(call.deps.now());
  const items = rows
    .filter((c) => campaignRunning(c, today))
    .filter((c) => campaignTargets([target], JSON.parse(c.categories) as CareCategory[]).length > 0)
    .map((c) => ({ id: c.id, kind: c.kind, title: c.title, startsOn: c.startsOn, endsOn: c.endsOn }));
  return ok({ items });
}
