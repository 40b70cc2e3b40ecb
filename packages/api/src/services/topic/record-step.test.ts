import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { must } from "@tongxin/core";
import { DEMO, testApp, type TestApp } from "../../../test/harness";
import { userIdOf } from "../../../test/volunteering";
import { meetingAgenda, meetings, topicSteps, topics } from "../../db/schema";
import { communityScope } from "../scope";
import { recordStep } from "./record-step";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.cleanup());

/** A 板凳协商 topic at its bench step, with a counted bench meeting that passed it. */
async function benchTopicWithMeeting() {
  const staff = await t.agent().login(DEMO.communityStaff);
  const resident = await t.agent().login(DEMO.resident);
  const proposed = await resident.post("/api/communities/1/topics", { title: "楼道灯", description: "不亮" });
  const topicId = proposed.json.id as number;
  await staff.post(`/api/topics/${topicId}/triage`, { action: "deliberate", procedure: "bench" });
  const createdBy = await userIdOf(t, DEMO.communityStaff);
  const [meeting] = await t.database.db
    .insert(meetings)
    .values({
      communityId: 1,
      body: "bench",
      title: "板凳会",
      place: "3号楼",
      startsAt: t.clock.ms,
      status: "closed",
      createdBy,
      createdAt: t.clock.ms,
    })
    .returning({ id: meetings.id });
  const meetingId = must(meeting).id;
  await t.database.db
    .insert(meetingAgenda)
    .values({ meetingId, topicId, position: 1, passed: true, decidedAt: t.clock.ms });
  return { topicId, meetingId, createdBy };
}

describe("recordStep inside another verb's transaction (a meeting's counting)", () => {
  it("records the meeting's decision and moves the topic on", async () => {
    const { topicId, meetingId, createdBy } = await benchTopicWithMeeting();
    const scope = must(await communityScope(t.database.db, 1));
    const result = await t.database.db.transaction((tx) =>
      recordStep(
        tx,
        topicId,
        { stepIndex: 0, meetingId },
        { actorUserId: createdBy, scope, requestId: "r", now: t.clock.ms },
      ),
    );
    expect(result).toMatchObject({
      ok: true,
      status: "decided",
      step: { stepKey: "bench", outcome: "passed", meetingId },
    });
  });

  it("is undone with the caller's transaction when the caller fails after it", async () => {
    const { topicId, meetingId, createdBy } = await benchTopicWithMeeting();
    const scope = must(await communityScope(t.database.db, 1));
    await expect(
      t.database.db.transaction(async (tx) => {
        await recordStep(
          tx,
          topicId,
          { stepIndex: 0, meetingId },
          { actorUserId: createdBy, scope, requestId: "r", now: t.clock.ms },
        );
        throw new Error("counting failed after recording");
      }),
    ).rejects.toThrow("counting failed");
    const steps = await t.database.db.select().from(topicSteps).where(eq(topicSteps.topicId, topicId));
    const [topic] = await t.database.db.select({ status: topics.status }).from(topics).where(eq(topics.id, topicId));
    expect([steps.length, must(topic).status]).toEqual([0, "deliberating"]);
  });
});
