import { timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { decideCheckIn, decideReply, decideTick, fail, ok, must, type InvitationReply } from "@tongxin/core";
import type { Tx } from "../../db/client";
import { meetingInvitations } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { qrSecret, signQr } from "../attendance/qr";
import { toIso } from "../../time";
import { invitationOf, loadMeeting, managedMeeting } from "./load";

/** As for shifts: a token lives 90 s and the staff's screen renews it every 30 s, so a photo of it soon stops working. */
const QR_LIFETIME_MS = 90_000;
// Meeting tokens start with "m" so a shift's token never checks anyone into a meeting, nor the reverse.
const payloadOf = (meetingId: number, expiresAt: number) => `m${meetingId}.${expiresAt}`;

/** An invitee answers whether they will attend, on their phone, until the meeting closes. */
export async function replyToInvitation({ deps, actor }: Call, meetingId: number, reply: InvitationReply) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loaded = await loadMeeting(tx, meetingId);
    if (!loaded) return fail("not_found");
    const invitation = await invitationOf(tx, meetingId, actor.userId);
    const decided = decideReply(invitation, loaded.meeting.status, reply);
    if (!decided.ok) return decided;
    await tx
      .update(meetingInvitations)
      .set({ reply, repliedAt: now })
      .where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, actor.userId)));
    return ok({ meetingId, reply, repliedAt: toIso(now) });
  });
}

/** A check-in token for the staff's QR screen while the meeting is open. */
export async function issueMeetingQr(call: Call, meetingId: number) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const managed = await managedMeeting(tx, call.actor, meetingId);
    if (!managed.ok) return managed;
    if (managed.meeting.status !== "open") return fail("meeting_not_open");
    const payload = payloadOf(meetingId, now + QR_LIFETIME_MS);
    return ok({ token: `${payload}.${signQr(await qrSecret(tx), payload)}`, expiresAt: toIso(now + QR_LIFETIME_MS) });
  });
}

async function tokenValid(tx: Tx, token: string, meetingId: number, now: number) {
  const [id, expires, signature] = token.split(".");
  if (!id || !expires || !signature || id !== `m${meetingId}` || !(Number(expires) >= now)) return false;
  const expected = Buffer.from(signQr(await qrSecret(tx), `${id}.${expires}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Marks the member present once; a second scan or tick keeps the first time. */
async function markPresent(tx: Tx, meetingId: number, userId: number, now: number, markedBy: number | null) {
  await tx
    .update(meetingInvitations)
    .set({ attendedAt: now, checkInMethod: markedBy === null ? "qr" : "hand", markedBy })
    .where(
      and(
        eq(meetingInvitations.meetingId, meetingId),
        eq(meetingInvitations.userId, userId),
        isNull(meetingInvitations.attendedAt),
      ),
    );
  return must(await invitationOf(tx, meetingId, userId), "invitation");
}

/** A member scans the code on the staff's screen with their phone while the meeting is open. */
export async function scanMeetingQr({ deps, actor }: Call, meetingId: number, token: string) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loaded = await loadMeeting(tx, meetingId);
    if (!loaded) return fail("not_found");
    const decided = decideCheckIn((await invitationOf(tx, meetingId, actor.userId)) !== null, loaded.meeting.status);
    if (!decided.ok) return decided;
    if (!(await tokenValid(tx, token, meetingId, now))) return fail("invalid_token");
    const invitation = await markPresent(tx, meetingId, actor.userId, now, null);
    return ok({ meetingId, title: loaded.meeting.title, attendedAt: toIso(must(invitation.attendedAt)) });
  });
}

/** Staff tick a member present by hand (no phone, a failed scan) while the meeting is open. Audited. */
export async function tickAttendance(call: Call, meetingId: number, userId: number) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const managed = await managedMeeting(tx, call.actor, meetingId);
    if (!managed.ok) return managed;
    const actorId = must(call.actor).userId;
    const invited = (await invitationOf(tx, meetingId, userId)) !== null;
    const decided = decideTick(invited, managed.meeting.status, userId === actorId);
    if (!decided.ok) return decided;
    const invitation = await markPresent(tx, meetingId, userId, now, actorId);
    await writeAudit(
      tx,
      {
        actorUserId: actorId,
        action: "meeting.attendance",
        entity: "meeting",
        entityId: meetingId,
        scope: managed.scope,
        after: { userId, attendedAt: toIso(invitation.attendedAt), method: invitation.checkInMethod },
      },
      { requestId: call.requestId, now },
    );
    return ok({ meetingId, userId, attendedAt: toIso(must(invitation.attendedAt)), method: invitation.checkInMethod });
  });
}
