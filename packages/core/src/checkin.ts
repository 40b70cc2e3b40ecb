import { fail, ok, type Result } from "./result";
import type { RatePolicy } from "./rate-limit";

/**
 * Check-in codes (issue 16). The organiser's screen shows, per 30-second window,
 * a signed QR token and a 6-digit code for its shift; both stay valid for three
 * windows, so a volunteer has at least a minute after the screen renews. A scan
 * carries the time it was made on the phone, so one queued without a signal is
 * judged at that time when it arrives (within a day), not when it is sent.
 */
export const CHECKIN_WINDOW_MS = 30_000;
export const CHECKIN_WINDOWS_VALID = 3;
/** The organiser's screen fetches this many windows ahead, so it keeps renewing through a dead signal. */
export const CHECKIN_WINDOWS_AHEAD = 20;
/** A scan queued offline must reach the server within this. */
export const CHECKIN_SYNC_MAX_MS = 24 * 60 * 60_000;
export const CHECKIN_CODE_DIGITS = 6;
/** Typed codes per volunteer per hour, counted before the code is judged: 10 guesses in 10^6 get nowhere. */
export const CHECKIN_CODE_POLICY = { limit: 10, windowMs: 60 * 60_000 } as const satisfies RatePolicy;

/** How a volunteer gave the window's proof: the QR token or the 6-digit code. */
export const CHECKIN_VIAS = ["qr", "code"] as const;
export type CheckinVia = (typeof CHECKIN_VIAS)[number];

export const checkinWindowAt = (atMs: number) => Math.floor(atMs / CHECKIN_WINDOW_MS);

/** The window's token and code are good from its start for CHECKIN_WINDOWS_VALID windows. */
export const checkinWindowValidAt = (window: number, atMs: number) =>
  atMs >= window * CHECKIN_WINDOW_MS && atMs < (window + CHECKIN_WINDOWS_VALID) * CHECKIN_WINDOW_MS;

/** The windows whose codes are good at this moment, newest first. */
export function checkinWindowsValidAt(atMs: number): number[] {
  const current = checkinWindowAt(atMs);
  return Array.from({ length: CHECKIN_WINDOWS_VALID }, (_, i) => current - i);
}

/**
 * When the scan happened, on the server's clock: the phone says when it scanned and
 * when it sent, both on its own clock, so a phone set to the wrong time still gives
 * the right lapse. Without them the scan happens now.
 */
export function scanTimeOf(
  nowMs: number,
  phone: { scannedAtMs: number; sentAtMs: number } | undefined,
): Result<{ scanAtMs: number }, "scan_times_invalid" | "scan_too_old"> {
  if (!phone) return ok({ scanAtMs: nowMs });
  const lapseMs = phone.sentAtMs - phone.scannedAtMs;
  if (lapseMs < 0) return fail("scan_times_invalid");
  if (lapseMs > CHECKIN_SYNC_MAX_MS) return fail("scan_too_old");
  return ok({ scanAtMs: nowMs - lapseMs });
}

/** 6 digits from an HMAC digest, as HOTP truncates (RFC 4226 §5.3), so every code is equally likely. */
export function checkinCodeOfDigest(digest: Uint8Array): string {
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const bytes = digest.slice(offset, offset + 4);
  if (bytes.length < 4) throw new Error("digest too short for a check-in code");
  const value = (((bytes[0] ?? 0) & 0x7f) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  return String(value % 10 ** CHECKIN_CODE_DIGITS).padStart(CHECKIN_CODE_DIGITS, "0");
}

export const CHECKIN_EARLY_MS = 60 * 60_000;

/** A shift whose check-in is open at the scan: from an hour before its start until an hour after its end. */
export const checkinOpenAt = (shift: { startsAt: number; endsAt: number }, atMs: number) =>
  atMs >= shift.startsAt - CHECKIN_EARLY_MS && atMs <= shift.endsAt + CHECKIN_EARLY_MS;

/** The organiser finds a person without a phone by the last four digits and the name, both exactly. */
export function matchesPhoneAndName(person: { name: string; phone: string }, phoneLast4: string, name: string) {
  return person.phone.endsWith(phoneLast4) && person.name.trim() === name.trim();
}
