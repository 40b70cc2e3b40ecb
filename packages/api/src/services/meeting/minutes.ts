import { and, eq } from "drizzle-orm";
import { fail, ok, must } from "@tongxin/core";
import { meetings } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { managedMeeting } from "./load";

/** Staff record or correct the minutes (会议纪要) of a meeting not cancelled; the version guards a lost edit. Audited. */
export async function recordMinutes(call: Call, meetingId: number, input: { minutes: string; version: number }) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const managed = await managedMeeting(tx, call.actor, meetingId);
    if (!managed.ok) return managed;
    const { meeting, scope } = managed;
    if (meeting.status === "cancelled") return fail("not_allowed_in_state");
    const changed = await tx
      .update(meetings)
      .set({ minutes: input.minutes, version: meeting.version + 1 })
      .where(and(eq(meetings.id, meetingId), eq(meetings.version, input.version)))
      .returning({ version: meetings.version });
    if (changed.length === 0) return fail("stale_version");
    await writeAudit(
      tx,
      {
        actorUserId: must(call.actor).userId,
        action: "meeting.minutes",
        entity: "meeting",
        entityId: meetingId,
        scope,
        before: { minutes: meeting.minutes },
        after: { minutes: input.minutes },
      },
      { requestId: call.requestId, now },
    );
    return ok({ id: meetingId, version: must(changed[0]).version });
  });
}
