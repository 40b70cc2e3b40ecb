import { Hono } from "hono";
import * as v from "valibot";
import { API_TOKEN_ACCESSES, API_TOKEN_DAYS_MAX, API_TOKEN_NAME_CHARS_MAX } from "@tongxin/core";
import { issueApiToken } from "../services/api-token/issue";
import { listApiTokens } from "../services/api-token/list";
import { revokeApiToken } from "../services/api-token/revoke";
import { pageQuery } from "../services/page";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { humanName, id, idParams } from "../http/schemas";

const issueBody = v.strictObject({
  name: humanName(API_TOKEN_NAME_CHARS_MAX),
  // Absent: the whole street.
  communityId: v.optional(id),
  access: v.picklist(API_TOKEN_ACCESSES),
  expiresInDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(API_TOKEN_DAYS_MAX)),
});

/** API tokens for other systems (decision 0020): the street admin's, signed in in person (a token is refused here). */
export const apiTokenRoutes = new Hono<AppEnv>()
  .get(
    "/streets/:id/api-tokens",
    doc("tokens", "The street's API tokens, newest first: status, last use, issuer; never a secret (street admin)"),
    valid("param", idParams),
    valid("query", v.strictObject(pageQuery)),
    async (c) => {
      const page = unwrap(await listApiTokens(callOf(c), c.req.valid("param").id, c.req.valid("query")));
      return c.json({ items: page.items, nextCursor: page.nextCursor }, 200);
    },
  )
  .post(
    "/streets/:id/api-tokens",
    doc("tokens", "Issue an API token for another system; its secret is in this answer only (street admin; audited)"),
    valid("param", idParams),
    valid("json", issueBody),
    async (c) => {
      const { token, secret } = unwrap(await issueApiToken(callOf(c), c.req.valid("param").id, c.req.valid("json")));
      return c.json({ token, secret }, 201);
    },
  )
  .post(
    "/api-tokens/:id/revoke",
    doc("tokens", "Revoke an API token at once (street admin; audited)"),
    valid("param", idParams),
    async (c) => {
      const { token } = unwrap(await revokeApiToken(callOf(c), c.req.valid("param").id));
      return c.json(token, 200);
    },
  );
