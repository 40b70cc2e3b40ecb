import { Hono } from "hono";
import * as v from "valibot";
import {
  DECLINE_REASON_MAX,
  PROCEDURE_CODES,
  STEP_KEYS,
  TOPIC_COMMENT_MAX,
  TOPIC_DESCRIPTION_MAX,
  TOPIC_LINK_KINDS,
  TOPIC_OBJECTION_MAX,
  TOPIC_PHOTOS_MAX,
  TOPIC_SOURCE_KINDS,
  TOPIC_STATUSES,
  TOPIC_TITLE_MAX,
  TRIAGE_ACTIONS,
} from "@tongxin/core";
import { answerTopicObjection, commentOnTopic, objectToTopic } from "../services/topic/discuss";
import { listTopicComments, listTopicObjections } from "../services/topic/discussion";
import { linkTopic } from "../services/topic/links";
import { createTopicProject, dispatchTopicRequest } from "../services/topic/outcomes";
import { listTopics } from "../services/topic/list";
import { listProcedures, setProcedure } from "../services/topic/procedures";
import { proposeTopic, raiseTopic } from "../services/topic/propose";
import { recordTopicStep } from "../services/topic/record-step";
import { showTopic } from "../services/topic/show";
import { supportTopic, unsupportTopic } from "../services/topic/support";
import { triageTopic } from "../services/topic/triage";
import { pageQuery } from "../services/page";
import { projectBody } from "./projects";
import { requestBody } from "./requests";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { humanName, id, idParam, idParams, multiLineText, photoDataUrl, singleLineText } from "../http/schemas";

const text = (max: number) => multiLineText(max, { required: true });

const proposeBody = v.strictObject({
  title: humanName(TOPIC_TITLE_MAX),
  description: text(TOPIC_DESCRIPTION_MAX),
  // One over the limit still validates, so core names the rule (too_many_photos) rather than a length.
  photos: v.optional(v.pipe(v.array(photoDataUrl), v.maxLength(TOPIC_PHOTOS_MAX + 1))),
  gridId: v.optional(id),
  buildingId: v.optional(id),
});
const raiseBody = v.strictObject({
  source: v.picklist(TOPIC_SOURCE_KINDS),
  id,
  title: humanName(TOPIC_TITLE_MAX),
  description: text(TOPIC_DESCRIPTION_MAX),
});
const listQuery = v.strictObject({
  ...pageQuery,
  status: v.optional(v.picklist(TOPIC_STATUSES)),
  step: v.optional(v.picklist(STEP_KEYS)),
});
const pageOnly = v.strictObject(pageQuery);
const triageBody = v.strictObject({
  action: v.picklist(TRIAGE_ACTIONS),
  procedure: v.optional(v.picklist(PROCEDURE_CODES)),
  mergeInto: v.optional(id),
  reason: v.optional(singleLineText(DECLINE_REASON_MAX)),
});
const stepBody = v.strictObject({
  stepIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100)),
  outcome: v.optional(v.picklist(["passed", "rejected"])),
  note: v.optional(multiLineText(TOPIC_DESCRIPTION_MAX)),
  meetingId: v.optional(id),
});
const procedureBody = v.strictObject({
  steps: v.pipe(v.array(v.pipe(v.string(), v.maxLength(20))), v.maxLength(STEP_KEYS.length + 1)),
  commentDays: v.pipe(v.number(), v.integer()),
  noticeWorkingDays: v.pipe(v.number(), v.integer()),
});
const topicProjectBody = v.strictObject({ ...projectBody.entries, title: v.optional(projectBody.entries.title) });
// Posted for the topic's proposer, so no owner is named; a 心愿 (wish) is a resident's own, not a topic's outcome.
const { ownerUserId: _owner, ...requestFields } = requestBody.entries;
const topicRequestBody = v.strictObject({
  ...requestFields,
  kind: v.picklist(["issue", "service"]),
  description: v.optional(requestFields.description),
});
const objectionParams = v.strictObject({ id: idParam, objectionId: idParam });
const procedureParams = v.strictObject({ id: idParam, code: v.picklist(PROCEDURE_CODES) });

/** 议题 and their procedures (一征三议两公开, 板凳协商, 大党委): propose, support, triage, record each step in order. */
export const topicRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/topics",
    doc("topics", "A community's topics, newest first, by status or current step (its people and staff)"),
    valid("param", idParams),
    valid("query", listQuery),
    async (c) => {
      const page = unwrap(await listTopics(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/communities/:id/topics",
    doc("topics", "Propose a topic (anyone of the community): title, description, photos, grid or building"),
    valid("param", idParams),
    valid("json", proposeBody),
    async (c) => {
      const input = { communityId: c.req.valid("param").id, ...c.req.valid("json") };
      const { ok: _, ...topic } = unwrap(await proposeTopic(callOf(c), input));
      return c.json(topic, 201);
    },
  )
  .post(
    "/topics/raise",
    doc("topics", "Staff raise a topic from a request or a warning; it keeps its source (409 if one is live)"),
    valid("json", raiseBody),
    async (c) => {
      const { source, ...rest } = c.req.valid("json");
      const { ok: _, ...topic } = unwrap(await raiseTopic(callOf(c), { kind: source, ...rest }));
      return c.json(topic, 201);
    },
  )
  .get(
    "/communities/:id/topic-procedures",
    doc("topics", "The community's procedure per kind of topic (its own, else the built-in)"),
    valid("param", idParams),
    async (c) => {
      const { items } = unwrap(await listProcedures(callOf(c), c.req.valid("param").id));
      return c.json({ items }, 200);
    },
  )
  .put(
    "/communities/:id/topic-procedures/:code",
    doc("topics", "Staff set the steps of a kind of topic (checked: a meeting, 实施 then 结果公开 last)"),
    valid("param", procedureParams),
    valid("json", procedureBody),
    async (c) => {
      const { id: communityId, code } = c.req.valid("param");
      const { ok: _, ...procedure } = unwrap(await setProcedure(callOf(c), communityId, code, c.req.valid("json")));
      return c.json(procedure, 200);
    },
  )
  .get(
    "/topics/:id",
    doc("topics", "A topic with its steps, support, and how many comments and objections it has"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...topic } = unwrap(await showTopic(callOf(c), c.req.valid("param").id));
      return c.json(topic, 200);
    },
  )
  .post(
    "/topics/:id/support",
    doc("topics", "Support a topic: one per person; again answers the same"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...support } = unwrap(await supportTopic(callOf(c), c.req.valid("param").id));
      return c.json(support, 200);
    },
  )
  .delete(
    "/topics/:id/support",
    doc("topics", "Withdraw support while the topic is proposed"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...support } = unwrap(await unsupportTopic(callOf(c), c.req.valid("param").id));
      return c.json(support, 200);
    },
  )
  .get(
    "/topics/:id/comments",
    doc("topics", "A topic's comments, oldest first, paged by cursor (names masked)"),
    valid("param", idParams),
    valid("query", pageOnly),
    async (c) => {
      const page = unwrap(await listTopicComments(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/topics/:id/objections",
    doc("topics", "A topic's objections with their answers, oldest first, paged by cursor (names masked)"),
    valid("param", idParams),
    valid("query", pageOnly),
    async (c) => {
      const page = unwrap(await listTopicObjections(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/topics/:id/comments",
    doc("topics", "Comment during 征求意见 (public, names masked)"),
    valid("param", idParams),
    valid("json", v.strictObject({ body: text(TOPIC_COMMENT_MAX) })),
    async (c) => {
      const { ok: _, ...comment } = unwrap(
        await commentOnTopic(callOf(c), c.req.valid("param").id, c.req.valid("json").body),
      );
      return c.json(comment, 201);
    },
  )
  .post(
    "/topics/:id/objections",
    doc("topics", "Object during 决议公开 (one per person per topic)"),
    valid("param", idParams),
    valid("json", v.strictObject({ body: text(TOPIC_OBJECTION_MAX) })),
    async (c) => {
      const { ok: _, ...objection } = unwrap(
        await objectToTopic(callOf(c), c.req.valid("param").id, c.req.valid("json").body),
      );
      return c.json(objection, 201);
    },
  )
  .post(
    "/topics/:id/objections/:objectionId/answer",
    doc("topics", "Staff answer an objection in public"),
    valid("param", objectionParams),
    valid("json", v.strictObject({ answer: text(TOPIC_OBJECTION_MAX) })),
    async (c) => {
      const { id: topicId, objectionId } = c.req.valid("param");
      const { ok: _, ...answer } = unwrap(
        await answerTopicObjection(callOf(c), topicId, objectionId, c.req.valid("json").answer),
      );
      return c.json(answer, 200);
    },
  )
  .post(
    "/topics/:id/triage",
    doc("topics", "Staff: deliberate (with a procedure), merge into a live topic, or decline with a public reason"),
    valid("param", idParams),
    valid("json", triageBody),
    async (c) => {
      const { ok: _, ...topic } = unwrap(await triageTopic(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(topic, 200);
    },
  )
  .post(
    "/topics/:id/steps",
    doc("topics", "Staff record the current step (stepIndex must be the topic's; a meeting step names its meeting)"),
    valid("param", idParams),
    valid("json", stepBody),
    async (c) => {
      const { ok: _, ...step } = unwrap(await recordTopicStep(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(step, 200);
    },
  )
  .post(
    "/topics/:id/links",
    doc("topics", "Staff link the project or request a decided topic brought about"),
    valid("param", idParams),
    valid("json", v.strictObject({ kind: v.picklist(TOPIC_LINK_KINDS), id })),
    async (c) => {
      const { ok: _, ...link } = unwrap(await linkTopic(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(link, 201);
    },
  )
  .post(
    "/topics/:id/projects",
    doc(
      "topics",
      "立为项目: staff create a project from a decided topic, linked to it (title defaults to the topic's)",
    ),
    valid("param", idParams),
    valid("json", topicProjectBody),
    async (c) => {
      const { ok: _, ...project } = unwrap(
        await createTopicProject(callOf(c), c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json(project, 201);
    },
  )
  .post(
    "/topics/:id/requests",
    doc(
      "topics",
      "派发诉求: staff dispatch an issue or service request from a decided topic, for its proposer, linked",
    ),
    valid("param", idParams),
    valid("json", topicRequestBody),
    async (c) => {
      const { ok: _, ...request } = unwrap(
        await dispatchTopicRequest(callOf(c), c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json(request, 201);
    },
  );
