import { and, eq, sql } from "drizzle-orm";
import {
  decideCampaignVisit,
  decideVisit,
  fail,
  ok,
  shanghaiDate,
  type VisitMode,
  type Wellbeing,
  must,
} from "@tongxin/core";
import type { Tx } from "../../db/client";
import { careCampaigns, careProfileCategories, careProfiles, careVisits } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { markWarningsStale } from "../warning/refresh";
import { consentOf, readCare } from "./load";

/** The campaign is the community's, runs on the visit's day and targets one of the household's categories. */
async function campaignFits(tx: Tx, campaignId: number, communityId: number, householdId: number, visitedOn: string) {
  const [campaign] = await tx
    .select()
    .from(careCampaigns)
    .where(and(eq(careCampaigns.id, campaignId), eq(careCampaigns.communityId, communityId)));
  if (!campaign) return fail("not_found");
  const categories = await tx
    .select({ key: careProfileCategories.category })
    .from(careProfileCategories)
    .where(eq(careProfileCategories.householdId, householdId));
  const chosen = JSON.parse(campaign.categories) as string[];
  return decideCampaignVisit(
    { ...campaign, categories: chosen },
    visitedOn,
    categories.map((c) => c.key),
  );
}

export type VisitBody = {
  visitedOn: string;
  mode: VisitMode;
  wellbeing: Wellbeing;
  needs: string;
  photo?: string | undefined;
  campaignId?: number | undefined;
};

/**
 * 入户走访: the grid's worker or staff, or a paired visitor while consent stands, records a visit. The plan moves on
 * (the profile's last visit), so the household leaves the due list and its missed-visit warning clears.
 */
export async function recordVisit({ deps, actor, requestId }: Call, householdId: number, body: VisitBody) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const read = await readCare(tx, actor, householdId);
    if (!read.ok) return read;
    const { household, profile, reader, pairing } = read;
    if (!profile) return fail("no_care_profile");
    const decided = decideVisit({
      visit: { ...body, photo: body.photo !== undefined },
      gridWorker: reader !== "visitor",
      pairing,
      profile: { consent: consentOf(profile) },
      today: shanghaiDate(now),
    });
    if (!decided.ok) return decided;
    if (body.campaignId !== undefined) {
      const fits = await campaignFits(tx, body.campaignId, household.communityId, householdId, body.visitedOn);
      if (!fits.ok) return fits;
    }
    const [row] = await tx
      .insert(careVisits)
      .values({
        communityId: household.communityId,
        gridId: household.gridId,
        householdId,
        visitorUserId: must(actor).userId,
        byVolunteer: reader === "visitor",
        campaignId: body.campaignId ?? null,
        visitedOn: body.visitedOn,
        mode: body.mode,
        wellbeing: body.wellbeing,
        needs: body.needs.trim(),
        photo: body.photo ?? null,
        createdAt: now,
      })
      .returning({ id: careVisits.id });
    await tx
      .update(careProfiles)
      .set({ lastVisitedOn: sql`max(coalesce(${careProfiles.lastVisitedOn}, ''), ${body.visitedOn})` })
      .where(eq(careProfiles.householdId, householdId));
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "care.visit",
        entity: "careVisit",
        entityId: must(row).id,
        scope: household.scope,
        after: { householdId, visitedOn: body.visitedOn, mode: body.mode },
      },
      { requestId, now },
    );
    await markWarningsStale(tx, household.communityId);
    return ok({ id: must(row).id });
  });
}
