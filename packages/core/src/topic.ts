import type { TopicStatus } from "./deliberation";
import { currentKind, type TopicState } from "./procedure";
import { fail, ok, type Result } from "./result";
import type { StepKey } from "./deliberation";

/** 议题: proposed by anyone signed in in the community, supported by neighbours, triaged by staff. */
export const TOPIC_TITLE_MAX = 80;
export const TOPIC_DESCRIPTION_MAX = 2000;
/** As many photos as a request takes. */
export const TOPIC_PHOTOS_MAX = 4;
/** A photo travels as a data URL of at most this many characters: the web app shrinks photos to fit. */
export const PHOTO_DATA_URL_CHARS_MAX = 60_000;
export const TOPIC_COMMENT_MAX = 500;
export const TOPIC_OBJECTION_MAX = 500;
/** A person's comments on one topic: room to say their piece and answer others, not to flood a consultation. */
export const TOPIC_COMMENTS_PER_PERSON_MAX = 5;
export const DECLINE_REASON_MAX = 200;

/** Where a topic came from when staff raised it: `request:12`, `warning:3`. */
export const TOPIC_SOURCE_KINDS = ["request", "warning"] as const;
export type TopicSourceKind = (typeof TOPIC_SOURCE_KINDS)[number];
export const topicSource = (kind: TopicSourceKind, id: number) => `${kind}:${id}`;

/** What a decided topic may bring about, each shown on the topic with its own progress. */
export const TOPIC_LINK_KINDS = ["project", "request"] as const;
export type TopicLinkKind = (typeof TOPIC_LINK_KINDS)[number];

export const topicPath = (topicId: number) => `/topics/${topicId}`;

/** A topic still open to support, merging into and comments: not yet turned away or closed. */
const LIVE: readonly TopicStatus[] = ["proposed", "deliberating"];

/** The grid or building a topic concerns must lie in its community; photos are limited as on requests. */
export function decideProposal(input: {
  communityId: number;
  photos: number;
  placeCommunityIds: readonly number[];
}): Result<object, "too_many_photos" | "wrong_community"> {
  if (input.photos > TOPIC_PHOTOS_MAX) return fail("too_many_photos");
  if (input.placeCommunityIds.some((id) => id !== input.communityId)) return fail("wrong_community");
  return ok({});
}

/**
 * One support per person, while the topic is live. The proposer's own proposal already counts as theirs.
 * A second support changes nothing and is answered as the first was (`changed: false`).
 */
export function decideSupport(input: {
  status: TopicStatus;
  isProposer: boolean;
  alreadySupported: boolean;
}): Result<{ changed: boolean }, "not_allowed_in_state" | "own_topic"> {
  if (!LIVE.includes(input.status)) return fail("not_allowed_in_state");
  if (input.isProposer) return fail("own_topic");
  return ok({ changed: !input.alreadySupported });
}

/** Support is withdrawn only while the topic gathers it; afterwards it is part of the record. */
export function decideUnsupport(input: {
  status: TopicStatus;
  supported: boolean;
  /** The proposer's support is their proposal: it is not withdrawn. */
  own: boolean;
}): Result<{ changed: boolean }, "not_allowed_in_state" | "own_topic"> {
  if (input.own) return fail("own_topic");
  if (input.status !== "proposed") return fail("not_allowed_in_state");
  return ok({ changed: input.supported });
}

export const TRIAGE_ACTIONS = ["deliberate", "merge", "decline"] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];
const TRIAGE_STATUS: Record<Exclude<TriageAction, "deliberate">, TopicStatus> = {
  merge: "merged",
  decline: "declined",
};

/**
 * Staff take a proposed topic into a procedure, merge it into another live topic of the same community (its
 * duplicate), or decline it with a public reason. Only a proposed topic is triaged.
 */
export function decideTriage(input: {
  status: TopicStatus;
  action: TriageAction;
  topicId: number;
  communityId: number;
  target?: { id: number; communityId: number; status: TopicStatus } | null;
  reason?: string | null;
}): Result<{ status: TopicStatus | null }, "not_allowed_in_state" | "invalid_merge_target" | "reason_required"> {
  if (input.status !== "proposed") return fail("not_allowed_in_state");
  if (input.action === "deliberate") return ok({ status: null });
  if (input.action === "merge") {
    const t = input.target;
    if (!t || t.id === input.topicId || t.communityId !== input.communityId || !LIVE.includes(t.status))
      return fail("invalid_merge_target");
  }
  if (input.action === "decline" && (input.reason ?? "").trim().length === 0) return fail("reason_required");
  return ok({ status: TRIAGE_STATUS[input.action] });
}

/** Comments are taken during a 征求意见 step, until its deadline, up to a few per person (`mine`: theirs so far). */
export function decideComment(
  state: TopicState,
  steps: readonly StepKey[],
  now: number,
  mine: number,
): Result<object, "not_commenting" | "comment_limit_reached"> {
  const open = currentKind(state, steps) === "comment" && (state.stepDueAt === null || now < state.stepDueAt);
  if (!open) return fail("not_commenting");
  return mine < TOPIC_COMMENTS_PER_PERSON_MAX ? ok({}) : fail("comment_limit_reached");
}

/** One objection per person per topic, during the 决议公开 notice only (as for ratings). */
export function decideTopicObjection(input: {
  state: TopicState;
  steps: readonly StepKey[];
  now: number;
  alreadyObjected: boolean;
}): Result<object, "not_in_notice" | "notice_over" | "already_objected"> {
  if (currentKind(input.state, input.steps) !== "notice") return fail("not_in_notice");
  if (input.state.stepDueAt !== null && input.now >= input.state.stepDueAt) return fail("notice_over");
  if (input.alreadyObjected) return fail("already_objected");
  return ok({});
}

/** Each objection is answered once; the answer is public with it. */
export const decideTopicAnswer = (answered: boolean): Result<object, "already_answered"> =>
  answered ? fail("already_answered") : ok({});

/** Projects and requests hang from a topic only once it was decided. */
export const decideTopicLink = (status: TopicStatus): Result<object, "not_allowed_in_state"> =>
  status === "decided" || status === "done" ? ok({}) : fail("not_allowed_in_state");

/** A project or request that ended without being carried out (cancelled, rejected) is no topic's outcome. */
export const endedUndone = (status: string): boolean => status === "cancelled" || status === "rejected";

/** What a topic links to exists, is of the topic's community and is still, or was, carried out. */
export function decideLinkTarget(
  target: { communityId: number; status: string } | null,
  communityId: number,
): Result<object, "not_found" | "wrong_community" | "link_target_ended"> {
  if (!target) return fail("not_found");
  if (target.communityId !== communityId) return fail("wrong_community");
  return endedUndone(target.status) ? fail("link_target_ended") : ok({});
}
