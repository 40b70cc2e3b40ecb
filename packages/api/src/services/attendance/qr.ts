import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import {
  CHECKIN_WINDOW_MS,
  CHECKIN_WINDOWS_AHEAD,
  CHECKIN_WINDOWS_VALID,
  checkinCodeOfDigest,
  checkinWindowAt,
  ok,
  must,
} from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { settings } from "../../db/schema";
import type { Call } from "../call";
import { loadShiftForOrganiser } from "../activity/load";
import { toIso } from "../../time";

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

const hmac = (secret: string, payload: string) => createHmac("sha256", secret).update(payload);

export const signQr = (secret: string, payload: string) => hmac(secret, payload).digest("base64url");

/** The QR token of a shift's window: `shift.window.signature`, so a scan judged later knows its window. */
const windowToken = (secret: string, shiftId: number, window: number) =>
  `${shiftId}.${window}.${signQr(secret, `qr.${shiftId}.${window}`)}`;

/** The window's 6-digit code, from its own signature so the QR's does not give it away. */
export const windowCode = (secret: string, shiftId: number, window: number) =>
  checkinCodeOfDigest(hmac(secret, `code.${shiftId}.${window}`).digest());

/**
 * The organiser's screen: the current window's QR token and code and the next ones,
 * each with when to show it, so the screen renews on time through a dead signal.
 */
export async function issueQrToken(call: Call, shiftId: number) {
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadShiftForOrganiser(tx, call.actor, shiftId);
    if (!loaded.ok) return loaded;
    const secret = await qrSecret(tx);
    const first = checkinWindowAt(now);
    const codes = Array.from({ length: CHECKIN_WINDOWS_AHEAD }, (_, i) => {
      const window = first + i;
      return {
        token: windowToken(secret, shiftId, window),
        code: windowCode(secret, shiftId, window),
        showFrom: toIso(window * CHECKIN_WINDOW_MS),
        expiresAt: toIso((window + CHECKIN_WINDOWS_VALID) * CHECKIN_WINDOW_MS),
      };
    });
    return ok({ now: toIso(now), codes });
  });
}

/** The window of a token signed for this shift, or null for one we did not sign (expiry is judged by the caller). */
export async function tokenWindow(db: Db | Tx, token: string, shiftId: number): Promise<number | null> {
  const parts = token.split(".");
  const [id, windowText, signature] = parts;
  const window = Number(windowText);
  if (parts.length !== 3 || !id || !signature || Number(id) !== shiftId || !Number.isSafeInteger(window)) return null;
  const expected = Buffer.from(signQr(await qrSecret(db), `qr.${id}.${window}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? window : null;
}
