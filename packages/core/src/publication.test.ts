import { describe, expect, it } from "vitest";
import { isPublicTopic, publicRecord, type PublishedStep } from "./publication";
import { TOPIC_STATUSES } from "./deliberation";

const DAY = 86_400_000;
const step = (
  stepKey: PublishedStep["stepKey"],
  day: number,
  note: string,
  outcome: PublishedStep["outcome"] = "passed",
) => ({
  stepKey,
  outcome,
  decidedAt: day * DAY,
  note,
});
const YIZHENG_DONE: PublishedStep[] = [
  step("consult", 1, "征求意见", "done"),
  step("propose", 2, "提议"),
  step("discuss", 3, "商议"),
  step("review", 4, "审议"),
  step("resolve", 5, "决议：更换路灯"),
  step("announce", 12, "公示期满", "done"),
  step("implement", 30, "施工完成", "done"),
  step("report", 31, "已更换48盏", "done"),
];

describe("what of a topic is public", () => {
  it("publishes a topic from deliberation on, whatever its outcome, never one gathering support, declined or merged", () => {
    expect(TOPIC_STATUSES.filter(isPublicTopic)).toEqual(["deliberating", "decided", "done", "rejected"]);
  });

  it("reads the decision from the last meeting, the result from 结果公开 and the notice from the decision to its end", () => {
    expect(publicRecord(YIZHENG_DONE, null, null)).toEqual({
      decision: "决议：更换路灯",
      result: "已更换48盏",
      notice: { from: 5 * DAY, to: 12 * DAY },
    });
  });

  it("shows a running notice from the decision to the day it is due to end, and nothing decided before the first meeting", () => {
    expect(publicRecord(YIZHENG_DONE.slice(0, 5), "announce", 12 * DAY)).toEqual({
      decision: "决议：更换路灯",
      result: null,
      notice: { from: 5 * DAY, to: 12 * DAY },
    });
    expect(publicRecord(YIZHENG_DONE.slice(0, 2), "discuss", null)).toEqual({
      decision: null,
      result: null,
      notice: null,
    });
  });

  it("takes a rejection's note as the decision, even when a later meeting had passed nothing", () => {
    const rejected = [...YIZHENG_DONE.slice(0, 2), step("discuss", 3, "两委未通过", "rejected")];
    expect(publicRecord(rejected, null, null).decision).toBe("两委未通过");
    const atPropose = [YIZHENG_DONE[0] as PublishedStep, step("propose", 2, "党支部不予提议", "rejected")];
    expect(publicRecord(atPropose, null, null).decision).toBe("党支部不予提议");
  });
});
