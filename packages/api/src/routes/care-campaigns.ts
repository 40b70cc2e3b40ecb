import { Hono } from "hono";
import * as v from "valibot";
import { CAMPAIGN_KINDS, CAMPAIGN_TITLE_CHARS_MAX } from "@tongxin/core";
import { createCampaign, householdCampaigns, listCampaigns } from "../services/care/campaigns";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { calendarDay, humanName, idParams } from "../http/schemas";

/** Room for every built-in category and a community's own; core decides which keys are known. */
const CAMPAIGN_CATEGORIES_MAX = 30;
const categoryKey = v.pipe(v.string(), v.maxLength(30));

const createBody = v.strictObject({
  kind: v.picklist(CAMPAIGN_KINDS),
  title: humanName(CAMPAIGN_TITLE_CHARS_MAX),
  categories: v.pipe(v.array(categoryKey), v.maxLength(CAMPAIGN_CATEGORIES_MAX)),
  startsOn: calendarDay,
  endsOn: calendarDay,
});

/** 五送 (送温暖, 送健康, 送法律, 送文化, 送岗位): campaigns of visits to households in chosen care categories. */
export const careCampaignRoutes = new Hono<AppEnv>()
  .get(
    "/communities/:id/care/campaigns",
    doc("care", "五送: the community's campaigns, newest first, with progress over the reader's households"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const input = { communityId: c.req.valid("param").id, ...c.req.valid("query") };
      const { items, nextCursor } = unwrap(await listCampaigns(callOf(c), input));
      return c.json({ items, nextCursor }, 200);
    },
  )
  .post(
    "/communities/:id/care/campaigns",
    doc("care", "五送: start a campaign for households in chosen care categories (community staff; audited)"),
    valid("param", idParams),
    valid("json", createBody),
    async (c) => {
      const { ok: _, ...made } = unwrap(await createCampaign(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json(made, 201);
    },
  )
  .get(
    "/households/:id/care/campaigns",
    doc("care", "五送: the campaigns running today that a visit to this household may count for (its care readers)"),
    valid("param", idParams),
    async (c) => {
      const { items } = unwrap(await householdCampaigns(callOf(c), c.req.valid("param").id));
      return c.json({ items }, 200);
    },
  );
