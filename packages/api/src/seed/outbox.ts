import { and, asc, eq } from "drizzle-orm";
import { must, sendableAt } from "@tongxin/core";
import type { Tx } from "../db/client";
import { messageChannels, outbox, teamMembers, teams, users } from "../db/schema";
import { notify } from "../services/notify";

const DAY_MS = 86_400_000;
const DEMO_VOLUNTEER = "13800000006";

/**
 * The demo volunteer chose SMS, so the staff's 消息送达 page shows a delivery
 * (the team's welcome, held through quiet hours if written at night, delivered
 * on its second attempt a minute later) and whatever reaches her in the demo
 * goes out too — to the log, as no gateway is configured.
 */
export async function seedOutbox(tx: Tx, now: number) {
  const [volunteer] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, DEMO_VOLUNTEER));
  const userId = must(volunteer).id;
  await tx.insert(messageChannels).values({ userId, sms: true, wechat: false, updatedAt: now - 30 * DAY_MS });
  const [team] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), eq(teamMembers.status, "active")))
    .orderBy(asc(teams.id))
    .limit(1);
  if (!team) return;
  const sentAt = now - 20 * DAY_MS;
  await notify(
    tx,
    [userId],
    "team_approved",
    { teamId: team.id, teamName: team.name, path: `/teams/${team.id}` },
    sentAt,
  );
  await tx
    .update(outbox)
    .set({
      state: "delivered",
      attempts: 2,
      nextAttemptAt: null,
      deliveredAt: sendableAt("sms", false, sentAt) + 60_000,
    })
    .where(eq(outbox.userId, userId));
}
