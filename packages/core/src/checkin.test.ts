import { describe, expect, it } from "vitest";
import {
  CHECKIN_SYNC_MAX_MS,
  CHECKIN_WINDOW_MS,
  checkinCodeOfDigest,
  checkinOpenAt,
  checkinWindowAt,
  checkinWindowValidAt,
  checkinWindowsValidAt,
  matchesPhoneAndName,
  scanTimeOf,
} from "./checkin";

const W = CHECKIN_WINDOW_MS;
const M = 60_000;

describe("a check-in window", () => {
  it.each([
    { case: "at its start", at: 100 * W, valid: true },
    { case: "in the third window after it starts", at: 102 * W + W - 1, valid: true },
    { case: "once three windows have passed", at: 103 * W, valid: false },
    { case: "before it starts", at: 100 * W - 1, valid: false },
  ])("window 100 is good $case: $valid", ({ at, valid }) => {
    expect(checkinWindowValidAt(100, at)).toBe(valid);
  });

  it("the codes good at a moment are the current window's and the two before", () => {
    expect(checkinWindowAt(100 * W + 5)).toBe(100);
    expect(checkinWindowsValidAt(100 * W + 5)).toEqual([100, 99, 98]);
    for (const w of checkinWindowsValidAt(100 * W + 5)) expect(checkinWindowValidAt(w, 100 * W + 5)).toBe(true);
  });
});

describe("the time of a scan", () => {
  const now = 1_000 * M;
  it.each([
    { case: "sent at once, without phone times", phone: undefined, expected: { ok: true, scanAtMs: now } },
    {
      case: "queued 10 minutes on a phone whose clock is a year off",
      phone: { scannedAtMs: 5 * M - 365 * 24 * 60 * M, sentAtMs: 15 * M - 365 * 24 * 60 * M },
      expected: { ok: true, scanAtMs: now - 10 * M },
    },
    {
      case: "sent before it was scanned",
      phone: { scannedAtMs: 20 * M, sentAtMs: 10 * M },
      expected: { ok: false, reason: "scan_times_invalid" },
    },
    {
      case: "queued exactly a day",
      phone: { scannedAtMs: 0, sentAtMs: CHECKIN_SYNC_MAX_MS },
      expected: { ok: true, scanAtMs: now - CHECKIN_SYNC_MAX_MS },
    },
    {
      case: "queued longer than a day",
      phone: { scannedAtMs: 0, sentAtMs: CHECKIN_SYNC_MAX_MS + 1 },
      expected: { ok: false, reason: "scan_too_old" },
    },
  ])("$case", ({ phone, expected }) => {
    expect(scanTimeOf(now, phone)).toEqual(expected);
  });
});

describe("a 6-digit code", () => {
  /** 32 bytes that vary with the text (FNV-1a then xorshift), standing in for an HMAC's digest. */
  const digestOf = (text: string) => {
    let h = 2166136261;
    for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
    return Uint8Array.from({ length: 32 }, () => {
      h ^= h << 13;
      h ^= h >>> 17;
      h ^= h << 5;
      return (h >>> 0) & 0xff;
    });
  };

  it("is six digits, zeros kept, and the same for the same digest", () => {
    for (let i = 0; i < 200; i++) {
      const code = checkinCodeOfDigest(digestOf(`7.${i}`));
      expect(code).toMatch(/^\d{6}$/);
      expect(checkinCodeOfDigest(digestOf(`7.${i}`))).toBe(code);
    }
  });

  it("truncates as RFC 4226's worked example does", () => {
    // RFC 4226 §5.4: this HMAC-SHA-1 value truncates to 0x50ef7f19 = 1357872921, whose 6 digits are 872921.
    const digest = Uint8Array.from("1f8698690e02ca16618550ef7f19da8e945b555a".match(/../g) ?? [], (b) =>
      Number.parseInt(b, 16),
    );
    expect(checkinCodeOfDigest(digest)).toBe("872921");
  });

  it("differs between windows and shifts", () => {
    const codes = new Set(Array.from({ length: 50 }, (_, i) => checkinCodeOfDigest(digestOf(`${i % 5}.${i}`))));
    expect(codes.size).toBeGreaterThan(45);
  });
});

describe("check-in opens", () => {
  const shift = { startsAt: 600 * M, endsAt: 780 * M };
  it.each([
    { at: 540 * M, open: true },
    { at: 539 * M, open: false },
    { at: 840 * M, open: true },
    { at: 841 * M, open: false },
  ])("at minute $at/60000: $open", ({ at, open }) => {
    expect(checkinOpenAt(shift, at)).toBe(open);
  });
});

describe("finding a person without a phone", () => {
  const person = { name: "王秀英", phone: "13912345678" };
  it.each([
    { last4: "5678", name: "王秀英", found: true },
    { last4: "5678", name: " 王秀英 ", found: true },
    { last4: "5679", name: "王秀英", found: false },
    { last4: "5678", name: "王秀", found: false },
  ])("last four $last4 and name $name: $found", ({ last4, name, found }) => {
    expect(matchesPhoneAndName(person, last4, name)).toBe(found);
  });
});
