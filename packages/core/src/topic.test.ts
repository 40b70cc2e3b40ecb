import { describe, expect, it } from "vitest";
import { builtInProcedure, type TopicState } from "./procedure";
import {
  decideComment,
  decideLinkTarget,
  decideTopicLink,
  decideProposal,
  decideSupport,
  decideTopicAnswer,
  decideTopicObjection,
  decideTriage,
  decideUnsupport,
  TOPIC_COMMENTS_PER_PERSON_MAX,
  TOPIC_PHOTOS_MAX,
} from "./topic";
import type { TopicStatus } from "./deliberation";

const NOW = Date.parse("2026-11-27T10:00:00+08:00");
const steps = builtInProcedure("yizheng").steps;
const at = (stepIndex: number, stepDueAt: number | null): TopicState => ({
  status: "deliberating",
  stepIndex,
  stepDueAt,
});
const reasonOf = (r: { ok: boolean; reason?: string }) => (r.ok ? "ok" : r.reason);

describe("proposing a topic", () => {
  it.each([
    ["no place", 0, [], "ok"],
    ["a building of the community", TOPIC_PHOTOS_MAX, [7], "ok"],
    ["one photo too many", TOPIC_PHOTOS_MAX + 1, [], "too_many_photos"],
    ["a building elsewhere", 0, [7, 8], "wrong_community"],
  ])("%s", (_name, photos, places, expected) => {
    expect(reasonOf(decideProposal({ communityId: 7, photos, placeCommunityIds: places }))).toBe(expected);
  });
});

describe("supporting a topic", () => {
  it.each<[TopicStatus, boolean, boolean, string, boolean | null]>([
    ["proposed", false, false, "ok", true],
    ["deliberating", false, false, "ok", true],
    ["proposed", false, true, "ok", false],
    ["proposed", true, false, "own_topic", null],
    ["decided", false, false, "not_allowed_in_state", null],
    ["declined", false, false, "not_allowed_in_state", null],
  ])("%s, proposer %s, supported %s → %s", (status, isProposer, alreadySupported, expected, changed) => {
    const result = decideSupport({ status, isProposer, alreadySupported });
    expect(reasonOf(result)).toBe(expected);
    if (result.ok) expect(result.changed).toBe(changed);
  });

  it("withdraws support only while the topic is proposed", () => {
    expect(decideUnsupport({ status: "proposed", supported: true, own: false })).toEqual({ ok: true, changed: true });
    expect(decideUnsupport({ status: "proposed", supported: false, own: false })).toEqual({ ok: true, changed: false });
    expect(reasonOf(decideUnsupport({ status: "deliberating", supported: true, own: false }))).toBe(
      "not_allowed_in_state",
    );
    expect(reasonOf(decideUnsupport({ status: "proposed", supported: false, own: true }))).toBe("own_topic");
  });
});

describe("triage", () => {
  const base = { topicId: 1, communityId: 7 };
  it.each([
    ["deliberate a proposed topic", { status: "proposed", action: "deliberate" }, "ok"],
    ["decline with a reason", { status: "proposed", action: "decline", reason: "不属于社区事务" }, "ok"],
    ["decline without a reason", { status: "proposed", action: "decline", reason: " " }, "reason_required"],
    [
      "merge into a live topic",
      { status: "proposed", action: "merge", target: { id: 2, communityId: 7, status: "deliberating" } },
      "ok",
    ],
    [
      "merge into itself",
      { status: "proposed", action: "merge", target: { id: 1, communityId: 7, status: "proposed" } },
      "invalid_merge_target",
    ],
    [
      "merge into another community's",
      { status: "proposed", action: "merge", target: { id: 2, communityId: 8, status: "proposed" } },
      "invalid_merge_target",
    ],
    [
      "merge into a closed topic",
      { status: "proposed", action: "merge", target: { id: 2, communityId: 7, status: "done" } },
      "invalid_merge_target",
    ],
    ["triage a deliberating topic", { status: "deliberating", action: "decline", reason: "x" }, "not_allowed_in_state"],
  ] as const)("%s", (_name, input, expected) => {
    expect(reasonOf(decideTriage({ ...base, ...input }))).toBe(expected);
  });

  it("names the status a merge or a decline leaves", () => {
    expect(decideTriage({ ...base, status: "proposed", action: "decline", reason: "重复" })).toEqual({
      ok: true,
      status: "declined",
    });
  });
});

describe("comments and objections", () => {
  const due = NOW + 1000;
  it("takes comments during 征求意见 until its deadline only", () => {
    expect(decideComment(at(0, due), steps, NOW, 0).ok).toBe(true);
    expect(reasonOf(decideComment(at(0, due), steps, due, 0))).toBe("not_commenting");
    expect(reasonOf(decideComment(at(1, null), steps, NOW, 0))).toBe("not_commenting");
  });

  it("takes a person's comments up to the limit, then refuses the next", () => {
    expect(decideComment(at(0, due), steps, NOW, TOPIC_COMMENTS_PER_PERSON_MAX - 1).ok).toBe(true);
    expect(reasonOf(decideComment(at(0, due), steps, NOW, TOPIC_COMMENTS_PER_PERSON_MAX))).toBe(
      "comment_limit_reached",
    );
  });

  it.each([
    ["during the notice", at(5, due), NOW, false, "ok"],
    ["a second time", at(5, due), NOW, true, "already_objected"],
    ["after the notice", at(5, due), due, false, "notice_over"],
    ["outside the notice", at(4, null), NOW, false, "not_in_notice"],
  ])("objects %s", (_name, state, now, alreadyObjected, expected) => {
    expect(reasonOf(decideTopicObjection({ state, steps, now, alreadyObjected }))).toBe(expected);
  });

  it("answers an objection once", () => {
    expect(reasonOf(decideTopicAnswer(true))).toBe("already_answered");
    expect(decideTopicAnswer(false).ok).toBe(true);
  });

  it("links projects and requests to decided topics only", () => {
    expect(decideTopicLink("decided").ok).toBe(true);
    expect(decideTopicLink("done").ok).toBe(true);
    expect(reasonOf(decideTopicLink("deliberating"))).toBe("not_allowed_in_state");
  });

  it.each([
    ["an open project of the community", { communityId: 1, status: "open" }, "ok"],
    ["a completed project", { communityId: 1, status: "completed" }, "ok"],
    ["a request in progress", { communityId: 1, status: "in_progress" }, "ok"],
    ["a closed request", { communityId: 1, status: "closed" }, "ok"],
    ["a cancelled project or request", { communityId: 1, status: "cancelled" }, "link_target_ended"],
    ["a rejected request", { communityId: 1, status: "rejected" }, "link_target_ended"],
    ["another community's", { communityId: 2, status: "open" }, "wrong_community"],
    ["nothing", null, "not_found"],
  ] as const)("links %s → %s", (_name, target, expected) => {
    const decided = decideLinkTarget(target, 1);
    expect(decided.ok ? "ok" : decided.reason).toBe(expected);
  });
});
