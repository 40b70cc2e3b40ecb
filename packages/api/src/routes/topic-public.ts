import { Hono } from "hono";
import * as v from "valibot";
import { publicTopics } from "../services/topic-public/list";
import { publicTopicHistory } from "../services/topic-public/history";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { idParam, idParams } from "../http/schemas";

/** 两公开, no sign-in: a community's topics in deliberation and decided, and each one's history from proposal to result. */
export const topicPublicRoutes = new Hono<AppEnv>()
  .get(
    "/public/communities/:id/topics",
    doc("public", "A community's topics from deliberation on, newest first, with the step each stands at (no sign-in)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const { ok: _, ...page } = unwrap(await publicTopics(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json(page, 200);
    },
  )
  .get(
    "/public/communities/:id/topics/:topicId",
    doc(
      "public",
      "A topic's public history (no sign-in): each step's outcome and date, meetings with their vote counts, the decision, the notice and the result",
    ),
    valid("param", v.strictObject({ id: idParam, topicId: idParam })),
    async (c) => {
      const { id, topicId } = c.req.valid("param");
      const { ok: _, ...history } = unwrap(await publicTopicHistory(callOf(c), id, topicId));
      return c.json(history, 200);
    },
  );
