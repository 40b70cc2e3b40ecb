import { Hono } from "hono";
import * as v from "valibot";
import { isCalendarDate, normaliseCertificateCode } from "@tongxin/core";
import { issueCertificate, issueOwnCertificate } from "../services/certificate/issue";
import { readCertificate, verifyCertificate } from "../services/certificate/read";
import { callOf, doc } from "../http/call";
import type { AppEnv } from "../http/context";
import { unwrap } from "../http/errors";
import { clientIp } from "../http/session";
import { valid } from "../http/validate";
import { idParams } from "../http/schemas";

/** A day as YYYY-MM-DD that exists on the calendar. */
const day = v.pipe(v.string(), v.check(isCalendarDate, "invalid_format"));
const periodBody = v.strictObject({ from: day, to: day });
// Longer than any code with spaces or dashes typed between its groups; the verb says not_found to anything else.
const codeParam = v.strictObject({ code: v.pipe(v.string(), v.maxLength(20), v.transform(normaliseCertificateCode)) });

export const certificateRoutes = new Hono<AppEnv>()
  .post(
    "/me/certificates",
    doc("volunteers", "开具志愿服务证明: certify my confirmed hours over a period (both days included)"),
    valid("json", periodBody),
    async (c) => {
      const { certificate } = unwrap(await issueOwnCertificate(callOf(c), c.req.valid("json")));
      return c.json(certificate, 201);
    },
  )
  .post(
    "/volunteers/:id/certificates",
    doc("volunteers", "Issue a service certificate for a volunteer in my scope (staff; audited)"),
    valid("param", idParams),
    valid("json", periodBody),
    async (c) => {
      const { id } = c.req.valid("param");
      const { certificate } = unwrap(await issueCertificate(callOf(c), id, c.req.valid("json")));
      return c.json(certificate, 201);
    },
  )
  .get(
    "/certificates/:id",
    doc("volunteers", "A service certificate, to print: its holder or staff in scope"),
    valid("param", idParams),
    async (c) => {
      const { certificate } = unwrap(await readCertificate(callOf(c), c.req.valid("param").id));
      return c.json(certificate, 200);
    },
  )
  .get(
    "/public/certificates/:code",
    doc("public", "Verify a service certificate by its code (no sign-in): masked name, community, period, hours"),
    valid("param", codeParam),
    async (c) => {
      const { certificate } = unwrap(await verifyCertificate(callOf(c), c.req.valid("param").code, clientIp(c)));
      return c.json(certificate, 200);
    },
  );
