import { and, asc, eq, isNull } from "drizzle-orm";
import { decideNewRequest, fail, ok, type RequestCategory, type Urgency, must } from "@tongxin/core";
import { careVisits, users } from "../../db/schema";
import type { Call } from "../call";
import { insertRequest } from "../request/create";
import { readCare } from "./load";

export type VisitRequestBody = { category: RequestCategory; description: string; urgency: Urgency };

/**
 * 一键转诉求: a need found on a visit becomes a service request in one tap, posted for the household's resident
 * (the longest registered), marked as from a visit — and it says no more than that of the household's care.
 * The visit's recorder or an official may post it, once.
 */
export async function requestFromVisit(call: Call, visitId: number, body: VisitRequestBody) {
  const { deps, actor } = call;
  const input = { kind: "service" as const, window: null, ...body };
  const decided = decideNewRequest(input);
  if (!decided.ok) return decided;
  return deps.database.db.transaction(async (tx) => {
    const [visit] = await tx.select().from(careVisits).where(eq(careVisits.id, visitId));
    if (!visit) return fail("not_found");
    const read = await readCare(tx, actor, visit.householdId);
    if (!read.ok) return read;
    const visitor = read.reader === "visitor";
    if (visitor && visit.visitorUserId !== must(actor).userId) return fail("forbidden");
    if (visit.requestId !== null) return fail("already_requested");
    const [resident] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.householdId, visit.householdId), isNull(users.disabledAt)))
      .orderBy(asc(users.id))
      .limit(1);
    if (!resident) return fail("no_resident");
    const made = await insertRequest(
      tx,
      call,
      { ...input, ownerUserId: resident.id },
      {
        fromVisit: true,
        pairedVisitor: visitor,
      },
    );
    if (!made.ok) return made;
    await tx.update(careVisits).set({ requestId: made.id }).where(eq(careVisits.id, visitId));
    return ok({ requestId: made.id });
  });
}
