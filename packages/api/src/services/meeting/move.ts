import { and, eq } from "drizzle-orm";
import { decideMeetingMove, fail, ok, must, type MeetingAction } from "@tongxin/core";
import { meetings } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { toIso } from "../../time";
import { countAgenda, recordDecisions } from "./count";
import { managedMeeting } from "./load";

/**
 * Staff open a planned meeting (check-in and votes start), close an open one (every topic not yet counted is
 * counted) or cancel a planned one. The version guards two staff pressing at once. Audited.
 */
export async function moveMeeting(call: Call, meetingId: number, action: MeetingAction) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const managed = await managedMeeting(tx, call.actor, meetingId);
    if (!managed.ok) return managed;
    const { meeting, scope } = managed;
    const moved = decideMeetingMove(meeting.status, action);
    if (!moved.ok) return moved;
    const closedAt = moved.to === "closed" || moved.to === "cancelled" ? now : null;
    const changed = await tx
      .update(meetings)
      .set({ status: moved.to, closedAt, version: meeting.version + 1 })
      .where(and(eq(meetings.id, meetingId), eq(meetings.version, meeting.version)))
      .returning({ id: meetings.id });
    if (changed.length === 0) return fail("stale_version");
    const counted = moved.to === "closed" ? await countAgenda(tx, meetingId, now) : [];
    const actorUserId = must(call.actor).userId;
    const who = { actorUserId, scope, requestId: call.requestId, now };
    const movedOn = await recordDecisions(tx, meeting, counted, who);
    await writeAudit(
      tx,
      {
        actorUserId,
        action: `meeting.${action}`,
        entity: "meeting",
        entityId: meetingId,
        scope,
        before: { status: meeting.status },
        after: { status: moved.to, counted: counted.map((c) => ({ topicId: c.topicId, passed: c.passed })) },
      },
      { requestId: call.requestId, now },
    );
    return ok({
      id: meetingId,
      status: moved.to,
      closedAt: toIso(closedAt),
      counted: counted.map((c) => ({ topicId: c.topicId, passed: c.passed, movedOn: movedOn.includes(c.topicId) })),
    });
  });
}
