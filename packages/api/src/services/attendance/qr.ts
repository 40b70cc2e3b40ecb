import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import { ok, must } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { settings } from "../../db/schema";
import type { Call } from "../call";
import { loadShiftForOrganiser } from "../activity/load";
import { toIso } from "../../time";

/** A QR token lives 90 s; the organiser's screen refreshes it every 30 s, so a photo of it soon stops working. */
const QR_LIFETIME_MS = 90_000;
const SECRET_KEY = "checkin_qr_secret";

/** The signing secret lives in the database so every API instance accepts the same tokens. */
export async function qrSecret(db: Db | Tx): Promise<string> {
  await db
    .insert(settings)
    .values({ key: SECRET_KEY, value: randomBytes(32).toString("hex") })
    .onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SECRET_KEY));
  return must(row).value;
}

export const signQr = (secret: string, payload: string) =>
  createHmac("sha256", secret).update(payload).digest("base64url");

export async function issueQrToken(call: Call, shiftId: number) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadShiftForOrganiser(tx, call.actor, shiftId);
    if (!loaded.ok) return loaded;
    const expiresAt = now + QR_LIFETIME_MS;
    const payload = `${shiftId}.${expiresAt}`;
    return ok({ token: `${payload}.${signQr(await qrSecret(tx), payload)}`, expiresAt: toIso(expiresAt) });
  });
}

/** True when the token was issued for this shift by an organiser and has not expired. */
export async function verifyQrToken(db: Db | Tx, token: string, shiftId: number, now: number): Promise<boolean> {
  const [id, expires, signature] = token.split(".");
  if (!id || !expires || !signature || Number(id) !== shiftId || Number(expires) < now) return false;
  const expected = Buffer.from(signQr(await qrSecret(db), `${id}.${expires}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
