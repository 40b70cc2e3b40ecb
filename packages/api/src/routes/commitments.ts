import { Hono } from "hono";
import * as v from "valibot";
import {
  COMMITMENT_DETAIL_CHARS_MAX,
  COMMITMENT_LINK_KINDS,
  COMMITMENT_OUTCOMES,
  COMMITMENT_REASON_CHARS_MAX,
  COMMITMENT_REPORT_CHARS_MAX,
  COMMITMENT_STATES,
  COMMITMENT_WHAT_CHARS_MAX,
  COMMITTER_KINDS,
} from "@tongxin/core";
import { decideCommitment } from "../services/commitment/decide";
import { listCommitments, myCommitments, publicCommitments } from "../services/commitment/list";
import { makeCommitment } from "../services/commitment/make";
import { addReportPhoto, reportCommitment } from "../services/commitment/report";
import { showCommitment } from "../services/commitment/show";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { calendarDay, id, idParams, multiLineText, photoDataUrl, singleLineText } from "../http/schemas";

const common = {
  what: singleLineText(COMMITMENT_WHAT_CHARS_MAX, { required: true }),
  detail: v.optional(multiLineText(COMMITMENT_DETAIL_CHARS_MAX)),
  dueOn: calendarDay,
  link: v.optional(v.strictObject({ kind: v.picklist(COMMITMENT_LINK_KINDS), id })),
};
// A unit's commitment names the unit; a member's and the branch's name nobody else.
const makeBody = v.variant("committerKind", [
  v.strictObject({ committerKind: v.literal("partner"), partnerUnitId: id, ...common }),
  v.strictObject({ committerKind: v.picklist(COMMITTER_KINDS.filter((k) => k !== "partner")), ...common }),
]);
const listQuery = v.strictObject({
  ...pageQuery,
  state: v.optional(v.picklist(COMMITMENT_STATES)),
  committerKind: v.optional(v.picklist(COMMITTER_KINDS)),
  due: v.optional(v.picklist(["soon", "overdue"])),
});
const decideBody = v.strictObject({
  outcome: v.picklist(COMMITMENT_OUTCOMES),
  reason: v.optional(singleLineText(COMMITMENT_REASON_CHARS_MAX)),
});
const reportBody = v.strictObject({ text: multiLineText(COMMITMENT_REPORT_CHARS_MAX, { required: true }) });
const photoBody = v.strictObject({
  photo: photoDataUrl,
});

/** 承诺践诺: commitments made in public, progress reported, outcomes marked by staff. */
export const commitmentRoutes = new Hono<AppEnv>()
  .post(
    "/communities/:id/commitments",
    doc(
      "commitments",
      "Make a commitment: a Party member's own, the branch's (staff), a partner unit's (staff or its volunteer)",
    ),
    valid("param", idParams),
    valid("json", makeBody),
    async (c) => {
      const input = { communityId: c.req.valid("param").id, ...c.req.valid("json") };
      const { ok: _, ...made } = unwrap(await makeCommitment(callOf(c), input));
      return c.json(made, 201);
    },
  )
  .get(
    "/communities/:id/commitments",
    doc(
      "commitments",
      "A community's commitments for its staff, newest first or by due day (filters: state, kind, due)",
    ),
    valid("param", idParams),
    valid("query", listQuery),
    async (c) => {
      const input = { communityId: c.req.valid("param").id, ...c.req.valid("query") };
      const { items, nextCursor } = unwrap(await listCommitments(callOf(c), input));
      return c.json({ items, nextCursor }, 200);
    },
  )
  .get(
    "/me/commitments",
    doc("commitments", "我的承诺: the commitments you made, newest first"),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const { items, nextCursor } = unwrap(await myCommitments(callOf(c), c.req.valid("query")));
      return c.json({ items, nextCursor }, 200);
    },
  )
  .get(
    "/public/communities/:id/commitments",
    doc("public", "A community's commitments and their outcomes (no sign-in; members' names masked unless consented)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const input = { communityId: c.req.valid("param").id, ...c.req.valid("query") };
      const { items, nextCursor } = unwrap(await publicCommitments(callOf(c), input));
      return c.json({ items, nextCursor }, 200);
    },
  )
  .get(
    "/commitments/:id",
    doc("commitments", "A commitment with its newest progress reports and their photos"),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...commitment } = unwrap(await showCommitment(callOf(c), c.req.valid("param").id));
      return c.json(commitment, 200);
    },
  )
  .post(
    "/commitments/:id/reports",
    doc("commitments", "Report progress (the committer or staff, while open)"),
    valid("param", idParams),
    valid("json", reportBody),
    async (c) => {
      const { ok: _, ...report } = unwrap(
        await reportCommitment(callOf(c), c.req.valid("param").id, c.req.valid("json").text),
      );
      return c.json(report, 201);
    },
  )
  .post(
    "/commitment-reports/:id/photos",
    doc("commitments", "Add a photo to your progress report (at most four, while open)"),
    valid("param", idParams),
    valid("json", photoBody),
    async (c) => {
      const { ok: _, ...photo } = unwrap(
        await addReportPhoto(callOf(c), c.req.valid("param").id, c.req.valid("json").photo),
      );
      return c.json(photo, 201);
    },
  )
  .post(
    "/commitments/:id/outcome",
    doc(
      "commitments",
      "Mark kept, not kept or withdrawn (staff; a reason for the last two; audited, the committer told)",
    ),
    valid("param", idParams),
    valid("json", decideBody),
    async (c) => {
      const { ok: _, ...decided } = unwrap(
        await decideCommitment(callOf(c), c.req.valid("param").id, c.req.valid("json")),
      );
      return c.json(decided, 200);
    },
  );
