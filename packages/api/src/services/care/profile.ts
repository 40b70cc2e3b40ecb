import { eq } from "drizzle-orm";
import {
  decideCareProfile,
  decideConsent,
  decideConsentWithdrawal,
  fail,
  ok,
  shanghaiDate,
  type CareProfileInput,
  type ConsentGiver,
  must,
} from "@tongxin/core";
import { careProfileCategories, careProfiles } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { markWarningsStale } from "../warning/refresh";
import { consentOf, customCategoryIds, manageCare } from "./load";

/**
 * Staff or the grid's worker write a household's profile: its categories, care level, needs and emergency contact.
 * The first write starts the visit plan today; a later one keeps it.
 */
export async function saveCareProfile({ deps, actor, requestId }: Call, householdId: number, input: CareProfileInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const managed = await manageCare(tx, actor, householdId);
    if (!managed.ok) return managed;
    const { household, profile } = managed;
    const decided = decideCareProfile(input, await customCategoryIds(tx, household.communityId));
    if (!decided.ok) return decided;
    const contact = input.emergencyContact;
    const values = {
      level: input.level,
      needs: input.needs.trim(),
      emergencyName: contact?.name.trim() ?? null,
      emergencyRelation: contact?.relation.trim() ?? null,
      emergencyPhone: contact?.phone ?? null,
      gridId: household.gridId,
      updatedAt: now,
    };
    if (profile)
      await tx
        .update(careProfiles)
        .set({ ...values, version: profile.version + 1 })
        .where(eq(careProfiles.householdId, householdId));
    else
      await tx.insert(careProfiles).values({
        ...values,
        householdId,
        communityId: household.communityId,
        sinceOn: shanghaiDate(now),
        createdBy: must(actor).userId,
        createdAt: now,
      });
    await tx.delete(careProfileCategories).where(eq(careProfileCategories.householdId, householdId));
    await tx
      .insert(careProfileCategories)
      .values(decided.categories.map((category) => ({ householdId, gridId: household.gridId, category })));
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: profile ? "care.update" : "care.create",
        entity: "household",
        entityId: householdId,
        scope: household.scope,
        // The audit says what changed, not the family's needs: the log is read more widely than the profile.
        after: { categories: decided.categories, level: input.level },
      },
      { requestId, now },
    );
    await markWarningsStale(tx, household.communityId);
    return ok({ householdId });
  });
}

/** The family's consent as staff recorded it, replacing any before; it needs a profile to belong to. */
export async function recordConsent(
  { deps, actor, requestId }: Call,
  householdId: number,
  input: { givenBy: ConsentGiver; givenByName: string; photos: boolean },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const managed = await manageCare(tx, actor, householdId);
    if (!managed.ok) return managed;
    if (!managed.profile) return fail("no_care_profile");
    const decided = decideConsent(input, now);
    if (!decided.ok) return decided;
    const { consent } = decided;
    await tx
      .update(careProfiles)
      .set({
        consentBy: consent.givenBy,
        consentByName: consent.givenByName,
        consentAt: consent.givenAt,
        consentPhotos: consent.photos,
        consentWithdrawnAt: null,
        consentRecordedBy: must(actor).userId,
        updatedAt: now,
      })
      .where(eq(careProfiles.householdId, householdId));
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "care.consent",
        entity: "household",
        entityId: householdId,
        scope: managed.household.scope,
        after: { givenBy: consent.givenBy, photos: consent.photos },
      },
      { requestId, now },
    );
    return ok({ householdId });
  });
}

/** Withdrawn at the family's word: from this moment no visitor reads the profile or records a visit. */
export async function withdrawConsent({ deps, actor, requestId }: Call, householdId: number) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const managed = await manageCare(tx, actor, householdId);
    if (!managed.ok) return managed;
    if (!managed.profile) return fail("no_care_profile");
    const decided = decideConsentWithdrawal(consentOf(managed.profile), now);
    if (!decided.ok) return decided;
    await tx
      .update(careProfiles)
      .set({ consentWithdrawnAt: now, updatedAt: now })
      .where(eq(careProfiles.householdId, householdId));
    await writeAudit(
      tx,
      {
        actorUserId: must(actor).userId,
        action: "care.consentWithdraw",
        entity: "household",
        entityId: householdId,
        scope: managed.household.scope,
      },
      { requestId, now },
    );
    return ok({ householdId });
  });
}
