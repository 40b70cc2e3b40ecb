import { Hono } from "hono";
import * as v from "valibot";
import { createFirstAdmin, setupNeeded } from "../services/setup/first-admin";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { valid } from "../http/validate";
import { password, personName, phone, unitName } from "../http/schemas";
import { sendSessionCookie } from "../http/session";

const setupBody = v.strictObject({ streetName: unitName, name: personName, phone, password });

export const setupRoutes = new Hono<AppEnv>()
  .get("/", doc("setup", "Whether the first street admin must still be created"), async (c) =>
    c.json({ needed: await setupNeeded(callOf(c)) }, 200),
  )
  .post(
    "/",
    doc("setup", "Create the street and its first admin on an empty database"),
    valid("json", setupBody),
    async (c) => {
      const result = unwrap(await createFirstAdmin(callOf(c), c.req.valid("json")));
      sendSessionCookie(c, result.cookie);
      return c.json({ ok: true }, 201);
    },
  );
