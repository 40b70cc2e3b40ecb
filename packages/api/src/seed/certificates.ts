import { eq } from "drizzle-orm";
import { shanghaiDate, must } from "@tongxin/core";
import type { Tx } from "../db/client";
import { users } from "../db/schema";
import { certify, loadVolunteer } from "../services/certificate/certify";

/** The demo certificate's code, fixed so tests and a visitor can open its verification page (/verify/QFHP26ZYCS). */
export const DEMO_CERTIFICATE_CODE = "QFHP26ZYCS";
const PERIOD_DAYS = 365;
const DAY_MS = 86_400_000;

/** A 志愿服务证明 the demo volunteer took of their last year of service, so its print and verification pages show something. */
export async function seedCertificates(tx: Tx, now: number) {
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, "13800000006"));
  const userId = must(user, "the demo volunteer").id;
  const volunteer = must(await loadVolunteer(tx, userId), "the demo volunteer's profile");
  const period = { from: shanghaiDate(now - (PERIOD_DAYS - 1) * DAY_MS), to: shanghaiDate(now) };
  const issued = await certify(tx, { userId, volunteer, period, code: DEMO_CERTIFICATE_CODE, issuedBy: userId, now });
  if (!issued.ok) throw new Error("the demo volunteer has no confirmed hours to certify");
}
