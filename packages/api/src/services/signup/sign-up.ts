import { and, count, eq, lte, lt, sql } from "drizzle-orm";
import { decideSeat, decideSignup, fail, ok } from "@tongxin/core";
import { shifts, signups } from "../../db/schema";
import type { Call } from "../call";
import { recall, remember } from "../idempotency";
import { liveSignup, overlapsConfirmed, shiftWithActivity, volunteerFacts } from "./context";

export type SignupAnswer = { signupId: number; status: "confirmed" | "waitlisted"; position?: number };

/**
 * Sign-up: the rules in core first, then one conditional update takes a seat
 * (`taken < capacity`) or the volunteer joins the waitlist. The database
 * decides the seat, so concurrent sign-ups never overbook.
 */
export async function signUp({ deps, actor }: Call, shiftId: number, idempotencyKey?: string) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  const idem = idempotencyKey ? { userId: actor.userId, key: idempotencyKey, route: `signup:${shiftId}`, body: null } : null;
  return deps.database.db.transaction(async (tx) => {
    if (idem) {
      const earlier = await recall(tx, idem);
      if (!earlier.ok) return earlier;
      if (earlier.replay) return ok(earlier.replay as SignupAnswer);
    }
    const found = await shiftWithActivity(tx, shiftId);
    if (!found) return fail("not_found");
    const { shift, activity, requiredSkillIds } = found;
    const decided = decideSignup(
      {
        activity,
        shift: { startsAt: shift.startsAt, signupDeadline: shift.signupDeadline, requiredSkillIds },
        volunteer: await volunteerFacts(tx, actor.userId),
        alreadySignedUp: (await liveSignup(tx, shiftId, actor.userId)) !== null,
        overlapsConfirmed: await overlapsConfirmed(tx, actor.userId, shift),
      },
      now,
    );
    if (!decided.ok) return decided;
    const seat = await tx.update(shifts).set({ taken: sql`${shifts.taken} + 1` }).where(and(eq(shifts.id, shiftId), lt(shifts.taken, shifts.capacity)));
    const seated = decideSeat(seat.rowsAffected === 1, shift.waitlistEnabled);
    if (!seated.ok) return seated;
    const [row] = await tx.insert(signups).values({ shiftId, userId: actor.userId, status: seated.status, createdAt: now }).returning({ id: signups.id });
    const answer: SignupAnswer = { signupId: row!.id, status: seated.status };
    if (seated.status === "waitlisted") answer.position = await waitlistPosition(tx, shiftId, row!.id);
    if (idem) await remember(tx, idem, answer, now);
    return ok(answer);
  });
}

export async function waitlistPosition(db: Parameters<typeof liveSignup>[0], shiftId: number, signupId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(signups).where(and(eq(signups.shiftId, shiftId), eq(signups.status, "waitlisted"), lte(signups.id, signupId)));
  return row?.n ?? 0;
}
