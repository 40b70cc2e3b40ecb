import { Hono } from "hono";
import * as v from "valibot";
import { REQUEST_CATEGORY_CODES, REQUEST_KINDS, REQUEST_STATUSES, URGENCIES } from "@tongxin/core";
import { myRequests, requestFeed, staffRequestList } from "../services/request/lists";
import { publicBoard } from "../services/request/board";
import { pageQuery } from "../services/page";
import { createRequest } from "../services/request/create";
import { ownersToPostFor } from "../services/request/owners";
import { requestDetail } from "../services/request/detail";
import { requestMatches } from "../services/request/matches";
import { transitionRequest } from "../services/request/transition";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { bookQuery, bookRequestOf, downloadHeaders } from "../http/download";
import { requestsBook } from "../services/request/book";
import { valid } from "../http/validate";
import { flag, id, idParam, idParams, isoTime, multiLineText, singleLineText } from "../http/schemas";

const holderKey = v.pipe(v.string(), v.regex(/^(volunteer|team|partner):[1-9]\d{0,14}$/));
export const requestBody = v.strictObject({
  kind: v.picklist(REQUEST_KINDS),
  category: v.picklist(REQUEST_CATEGORY_CODES),
  description: multiLineText(1000, { required: true }),
  urgency: v.optional(v.picklist(URGENCIES), "normal"),
  window: v.optional(v.nullable(v.strictObject({ startsAt: isoTime, endsAt: isoTime })), null),
  ownerUserId: v.optional(id),
});
const reasonBody = v.strictObject({ reason: singleLineText(300, { required: true }) });
const empty = v.optional(v.strictObject({}), {});

const filters = {
  communityId: idParam,
  gridId: v.optional(idParam),
  status: v.optional(v.picklist(REQUEST_STATUSES)),
  category: v.optional(v.picklist(REQUEST_CATEGORY_CODES)),
  kind: v.optional(v.picklist(REQUEST_KINDS)),
  overdue: flag,
};
const listQuery = v.strictObject({ ...pageQuery, ...filters });

export const requestRoutes = new Hono<AppEnv>()
  .get(
    "/requests",
    doc("requests", "需求清单 for staff: filter by status, category, kind, grid; overdue=1 lists 预警 oldest first"),
    valid("query", listQuery),
    async (c) => {
      const { overdue, ...query } = c.req.valid("query");
      const page = unwrap(await staffRequestList(callOf(c), { ...query, overdueOnly: overdue }));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/requests/export",
    doc("requests", "需求台账: the staff list with its filters as XLSX (default) or CSV, header row in lang (zh|en)"),
    valid("query", v.strictObject({ ...filters, ...bookQuery })),
    async (c) => {
      const { overdue, format, lang, ...query } = c.req.valid("query");
      const file = unwrap(
        await requestsBook(callOf(c), { ...query, overdueOnly: overdue }, bookRequestOf(c, format, lang)),
      );
      return c.body(file.body, 200, downloadHeaders(file));
    },
  )
  .get(
    "/me/requests",
    doc("requests", "My requests, newest first"),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await myRequests(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get(
    "/me/residents",
    doc("requests", "Residents I may post a request for (代发), by name or phone: name, masked phone, building"),
    valid("query", v.strictObject({ ...pageQuery, q: singleLineText(30, { required: true }) })),
    async (c) => {
      const page = unwrap(await ownersToPostFor(callOf(c), c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .get("/me/request-feed", doc("requests", "Open requests near me that fit my skills"), async (c) => {
    const { items } = unwrap(await requestFeed(callOf(c)));
    return c.json({ items }, 200);
  })
  .get(
    "/public/communities/:id/board",
    doc(
      "public",
      "The community's closed-loop board (no sign-in): counts, speed, confirmation, rating, recent closures",
    ),
    valid("param", idParams),
    async (c) => {
      const { ok: _, ...board } = unwrap(await publicBoard(callOf(c), c.req.valid("param").id));
      return c.json(board, 200);
    },
  )
  .post(
    "/requests",
    doc("requests", "Post a request, micro-wish or issue (a grid worker may post for a resident)"),
    valid("json", requestBody),
    async (c) => {
      const { ok: _, ...created } = unwrap(await createRequest(callOf(c), c.req.valid("json")));
      return c.json(created, 201);
    },
  )
  .get("/requests/:id", doc("requests", "A request with its timeline"), valid("param", idParams), async (c) => {
    const { ok: _, ...request } = unwrap(await requestDetail(callOf(c), c.req.valid("param").id));
    return c.json(request, 200);
  })
  .get(
    "/requests/:id/matches",
    doc("requests", "Candidates ranked for a request, each score explained (staff)"),
    valid("param", idParams),
    async (c) => {
      const { items } = unwrap(await requestMatches(callOf(c), c.req.valid("param").id));
      return c.json({ items }, 200);
    },
  )
  .post(
    "/requests/:id/accept",
    doc("requests", "A grid worker takes responsibility"),
    valid("param", idParams),
    valid("json", empty),
    async (c) => {
      const { ok: _, ...r } = unwrap(await transitionRequest(callOf(c), c.req.valid("param").id, { action: "accept" }));
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/claim",
    doc("requests", "Claim (认领) as a volunteer or a team you lead; 409 if already held"),
    valid("param", idParams),
    valid("json", v.optional(v.strictObject({ holderKey: v.optional(holderKey) }), {})),
    async (c) => {
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, {
          action: "claim",
          holderKey: c.req.valid("json").holderKey,
        }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/assign",
    doc("requests", "Assign (派单) to a volunteer or team, who accepts or declines"),
    valid("param", idParams),
    valid("json", v.strictObject({ holderKey })),
    async (c) => {
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, {
          action: "assign",
          holderKey: c.req.valid("json").holderKey,
        }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/respond",
    doc("requests", "The assignee accepts or declines"),
    valid("param", idParams),
    valid("json", v.strictObject({ accept: v.boolean() })),
    async (c) => {
      const action = c.req.valid("json").accept ? "acceptAssignment" : "declineAssignment";
      const { ok: _, ...r } = unwrap(await transitionRequest(callOf(c), c.req.valid("param").id, { action }));
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/start",
    doc("requests", "The holder starts the work"),
    valid("param", idParams),
    valid("json", empty),
    async (c) => {
      const { ok: _, ...r } = unwrap(await transitionRequest(callOf(c), c.req.valid("param").id, { action: "start" }));
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/complete",
    doc("requests", "Mark done (by whoever served, or staff)"),
    valid("param", idParams),
    valid("json", empty),
    async (c) => {
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, { action: "complete" }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/release",
    doc("requests", "Give the request back; history is kept"),
    valid("param", idParams),
    valid("json", v.optional(v.strictObject({ reason: v.optional(singleLineText(300, { required: true })) }), {})),
    async (c) => {
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, {
          action: "release",
          reason: c.req.valid("json").reason,
        }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/confirm",
    doc("requests", "The resident confirms and rates (1–5 stars, comment)"),
    valid("param", idParams),
    valid(
      "json",
      v.strictObject({
        rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
        comment: v.optional(multiLineText(300)),
      }),
    ),
    async (c) => {
      const body = c.req.valid("json");
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, {
          action: "confirm",
          rating: body.rating,
          comment: body.comment,
        }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/reopen",
    doc("requests", "The resident reopens within 7 days of closing"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, {
          action: "reopen",
          reason: c.req.valid("json").reason,
        }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/reject",
    doc("requests", "Reject with a reason the resident sees"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, {
          action: "reject",
          reason: c.req.valid("json").reason,
        }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/escalate",
    doc("requests", "吹哨: raise to the community, then the street, with a reason"),
    valid("param", idParams),
    valid("json", reasonBody),
    async (c) => {
      const { ok: _, ...r } = unwrap(
        await transitionRequest(callOf(c), c.req.valid("param").id, {
          action: "escalate",
          reason: c.req.valid("json").reason,
        }),
      );
      return c.json(r, 200);
    },
  )
  .post(
    "/requests/:id/cancel",
    doc("requests", "The resident cancels before work starts"),
    valid("param", idParams),
    valid("json", empty),
    async (c) => {
      const { ok: _, ...r } = unwrap(await transitionRequest(callOf(c), c.req.valid("param").id, { action: "cancel" }));
      return c.json(r, 200);
    },
  );
