import { Hono } from "hono";
import * as v from "valibot";
import {
  CYCLE_ACTIONS,
  DECISION_RULES,
  EVIDENCE_METRICS,
  NOMINATION_ROUTES,
  OBJECTION_OUTCOMES,
  SUBJECT_KINDS,
  SUPERVISION_PHONE_PATTERN,
} from "@tongxin/core";
import { createCycle, createScheme, listCycles, listSchemes, transitionCycle } from "../services/rating/cycles";
import { addPhoto, candidatesFor, myNominations, nominate } from "../services/rating/nominations";
import { cycleForCommittee, decide, declareConflict, vote } from "../services/rating/review";
import { answer, object, publicNotices } from "../services/rating/notice";
import { honorRoll, myAwards, revokeAward } from "../services/rating/honor";
import { setSupervisionPhone } from "../services/rating/supervision";
import { cycleEntries } from "../services/rating/entries";
import { ratingBook } from "../services/rating/book";
import { pageQuery } from "../services/page";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { humanName, id, idParams, isoTime, multiLineText, photoDataUrl, singleLineText } from "../http/schemas";

const starKey = v.pipe(v.string(), v.regex(/^[a-z0-9_]{1,30}$/));
const schemeBody = v.strictObject({
  name: humanName(30),
  subjectKind: v.picklist(SUBJECT_KINDS),
  stars: v.pipe(
    v.array(
      v.strictObject({
        key: starKey,
        name: humanName(20),
        criteria: multiLineText(500),
        evidence: v.nullable(
          v.strictObject({ metric: v.picklist(EVIDENCE_METRICS), min: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
        ),
      }),
    ),
    v.minLength(1),
    v.maxLength(10),
  ),
});
const cycleBody = v.strictObject({
  schemeId: id,
  periodLabel: v.pipe(v.string(), v.regex(/^20\d\d(-Q[1-4])?$/)),
  nominationEndsAt: isoTime,
  reviewEndsAt: isoTime,
  noticeWorkingDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(30))),
  publishOn: v.optional(isoTime),
  decisionRule: v.optional(v.picklist(DECISION_RULES)),
});
const transitionBody = v.strictObject({ action: v.picklist(CYCLE_ACTIONS) });
const nominationBody = v.strictObject({
  subjectKey: v.pipe(v.string(), v.regex(/^(user|household|partner):[1-9]\d{0,14}$/)),
  route: v.picklist(NOMINATION_ROUTES),
  statements: v.record(starKey, multiLineText(500)),
  evidenceText: v.optional(multiLineText(2000), ""),
});
const photoBody = v.strictObject({
  photo: photoDataUrl,
});
const votesBody = v.strictObject({
  votes: v.pipe(
    v.array(v.strictObject({ starKey, award: v.boolean(), comment: v.optional(multiLineText(300), "") })),
    v.minLength(1),
    v.maxLength(10),
  ),
});
const reasonBody = v.strictObject({ reason: multiLineText(500, { required: true }) });
const decisionBody = v.strictObject({
  stars: v.pipe(v.array(starKey), v.maxLength(10)),
  reason: multiLineText(500, { required: true }),
});
const answerBody = v.strictObject({
  answer: multiLineText(500, { required: true }),
  outcome: v.picklist(OBJECTION_OUTCOMES),
  stars: v.optional(v.pipe(v.array(starKey), v.maxLength(10))),
});
const searchQuery = v.strictObject({ q: v.optional(singleLineText(30), "") });
const supervisionBody = v.strictObject({
  supervisionPhone: v.nullable(v.pipe(v.string(), v.trim(), v.regex(SUPERVISION_PHONE_PATTERN))),
});
const communityQuery = v.strictObject({
  communityId: v.pipe(v.string(), v.regex(/^[1-9]\d{0,14}$/), v.transform(Number)),
});

export const ratingRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/rating-schemes",
    doc("ratings", "Built-in schemes and the community's own"),
    valid("param", idParams),
    async (c) => c.json(unwrap(await listSchemes(callOf(c), c.req.valid("param").id)), 200),
  )
  .post(
    "/communities/:id/rating-schemes",
    doc("ratings", "Add a community's own scheme with its stars (community staff, audited)"),
    valid("param", idParams),
    valid("json", schemeBody),
    async (c) => {
      const { ok: _, ...scheme } = unwrap(await createScheme(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(scheme, 201);
    },
  )
  .get(
    "/communities/:id/rating-cycles",
    doc("ratings", "A community's rating cycles, newest first"),
    valid("param", idParams),
    async (c) => c.json(unwrap(await listCycles(callOf(c), c.req.valid("param").id)), 200),
  )
  .post(
    "/communities/:id/rating-cycles",
    doc(
      "ratings",
      "Open the paperwork of a cycle: scheme, period, windows, notice days, decision rule (committee, audited)",
    ),
    valid("param", idParams),
    valid("json", cycleBody),
    async (c) => {
      const { ok: _, ...cycle } = unwrap(await createCycle(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(cycle, 201);
    },
  )
  .get(
    "/rating-cycles/:id",
    doc("ratings", "The committee's view of a cycle: candidates, evidence, votes, tally, decisions, objections"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...desk } = unwrap(await cycleForCommittee(callOf(c), c.req.valid("param").id));
      return c.json(desk, 200);
    },
  )
  .get(
    "/rating-cycles/:id/entries",
    doc("ratings", "评星台账: a cycle's nominees with votes counted, decisions and objections (committee, staff)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await cycleEntries(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/rating-cycles/:id/entries/export",
    doc("ratings", "评星台账 of a cycle as XLSX (default) or CSV, header row in lang (zh|en) (committee, staff)"),
    valid("param", idParams),
    valid("query", v.strictObject(bookQuery)),
    async (c) => {
      const { format, lang } = c.req.valid("query");
      const file = unwrap(await ratingBook(callOf(c), c.req.valid("param").id, bookRequestOf(c, format, lang)));
      return c.body(file.body, 200, downloadHeaders(file));
    },
  )
  .post(
    "/rating-cycles/:id/transitions",
    doc("ratings", "Move a cycle: open, closeNominations, startNotice, publish, cancel (committee, audited)"),
    valid("param", idParams),
    valid("json", transitionBody),
    async (c) => {
      const { ok: _, ...moved } = unwrap(
        await transitionCycle(callOf(c), c.req.valid("param").id, c.req.valid("json").action),
      );
      return c.json(moved, 200);
    },
  )
  .get(
    "/rating-cycles/:id/candidates",
    doc("ratings", "Whom I could apply for or nominate in this cycle, with the routes open to me"),
    valid("param", idParams),
    valid("query", searchQuery),
    async (c) => c.json(unwrap(await candidatesFor(callOf(c), c.req.valid("param").id, c.req.valid("query").q)), 200),
  )
  .post(
    "/rating-cycles/:id/nominations",
    doc("ratings", "Apply or nominate, with why each star is deserved; Tongxin adds its evidence for the period"),
    valid("param", idParams),
    valid("json", nominationBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(await nominate(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(done, 201);
    },
  )
  .post(
    "/rating-nominations/:id/photos",
    doc("ratings", "Add a photo of evidence (the nominator, while nominations are open)"),
    valid("param", idParams),
    valid("json", photoBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(await addPhoto(callOf(c), c.req.valid("param").id, c.req.valid("json").photo));
      return c.json(done, 201);
    },
  )
  .put(
    "/rating-nominations/:id/votes",
    doc("ratings", "Score a candidate per star (committee members, audited)"),
    valid("param", idParams),
    valid("json", votesBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(await vote(callOf(c), c.req.valid("param").id, c.req.valid("json").votes));
      return c.json(done, 200);
    },
  )
  .post(
    "/rating-nominations/:id/conflict",
    doc("ratings", "Declare a conflict of interest: my votes on this candidate are excluded"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(
        await declareConflict(callOf(c), c.req.valid("param").id, c.req.valid("json").reason),
      );
      return c.json(done, 200);
    },
  )
  .put(
    "/rating-nominations/:id/decision",
    doc("ratings", "Record the committee's decision on a candidate with reasons (committee, audited)"),
    valid("param", idParams),
    valid("json", decisionBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(await decide(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(done, 200);
    },
  )
  .post(
    "/rating-nominations/:id/objections",
    doc("ratings", "Object to an entry on a public notice, with a reason (anyone signed in)"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(await object(callOf(c), c.req.valid("param").id, c.req.valid("json").reason));
      return c.json(done, 201);
    },
  )
  .post(
    "/rating-objections/:id/answer",
    doc("ratings", "Answer an objection in public: dismissed, removed or changed (committee, audited)"),
    valid("param", idParams),
    valid("json", answerBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(await answer(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(done, 200);
    },
  )
  .post(
    "/rating-awards/:id/revoke",
    doc("ratings", "Revoke a published award with a public reason (committee, audited)"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(
        await revokeAward(callOf(c), c.req.valid("param").id, c.req.valid("json").reason),
      );
      return c.json(done, 200);
    },
  )
  .put(
    "/communities/:id/supervision-phone",
    doc("ratings", "Set or clear the community's 监督电话 shown on its public notices (community staff, audited)"),
    valid("param", idParams),
    valid("json", supervisionBody),
    async (c) => {
      const { ok: _, ...done } = unwrap(
        await setSupervisionPhone(callOf(c), c.req.valid("param").id, c.req.valid("json").supervisionPhone),
      );
      return c.json(done, 200);
    },
  )
  .get(
    "/me/nominations",
    doc("ratings", "My applications and the nominations I made, with where each stands"),
    async (c) => c.json(unwrap(await myNominations(callOf(c))), 200),
  )
  .get("/me/awards", doc("ratings", "My and my household's published awards"), async (c) =>
    c.json(unwrap(await myAwards(callOf(c))), 200),
  )
  .get(
    "/public/notices",
    doc("public", "Rating notices (公示) of a community now running, with the committee's answers (no sign-in)"),
    valid("query", communityQuery),
    async (c) => c.json(unwrap(await publicNotices(callOf(c), c.req.valid("query").communityId)), 200),
  )
  .get(
    "/public/honor-roll",
    doc("public", "The community's honor roll (光荣榜) by scheme and year, and its star volunteers (no sign-in)"),
    valid("query", communityQuery),
    async (c) => c.json(unwrap(await honorRoll(callOf(c), c.req.valid("query").communityId)), 200),
  );
