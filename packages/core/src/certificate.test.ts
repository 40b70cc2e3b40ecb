import { describe, expect, it } from "vitest";
import {
  CERTIFICATE_CODE_ALPHABET,
  CERTIFICATE_CODE_LENGTH,
  certificateFacts,
  certifiedHours,
  decidePeriod,
  isCalendarDate,
  isCertificateCode,
  newCertificateCode,
  normaliseCertificateCode,
} from "./certificate";

const TODAY = "2026-11-27";

describe("a certificate's period", () => {
  it.each([
    { from: "2026-01-01", to: "2026-11-27", result: "ok" },
    { from: "2026-11-27", to: "2026-11-27", result: "ok" },
    { from: "2026-11-28", to: "2026-11-27", result: "period_reversed" },
    { from: "2026-11-01", to: "2026-11-28", result: "period_in_future" },
    { from: "2021-11-28", to: "2026-11-27", result: "ok" },
    { from: "2021-11-27", to: "2026-11-27", result: "period_too_long" },
    { from: "2020-02-29", to: "2025-02-28", result: "ok" },
    { from: "2020-02-29", to: "2025-03-01", result: "period_too_long" },
  ])("$from … $to → $result", ({ from, to, result }) => {
    const decided = decidePeriod({ from, to }, TODAY);
    expect(decided.ok ? "ok" : decided.reason).toBe(result);
  });

  it.each([
    { text: "2026-02-28", valid: true },
    { text: "2024-02-29", valid: true },
    { text: "2026-02-29", valid: false },
    { text: "2026-13-01", valid: false },
    { text: "2026-1-01", valid: false },
    { text: "2026-01-01T00:00", valid: false },
    { text: "", valid: false },
  ])("$text is a calendar date: $valid", ({ text, valid }) => {
    expect(isCalendarDate(text)).toBe(valid);
  });
});

describe("what a certificate states", () => {
  it("adds the minutes, groups the days by activity in the order served and counts the activities", () => {
    const facts = certificateFacts([
      { activityId: 2, title: "爱心义剪", serviceDate: "2026-03-07", minutes: 90 },
      { activityId: 1, title: "楼道环境整治", serviceDate: "2026-02-01", minutes: 120 },
      { activityId: 2, title: "爱心义剪", serviceDate: "2026-03-14", minutes: 60 },
    ]);
    expect(facts).toEqual({
      ok: true,
      minutes: 270,
      activityCount: 2,
      activities: [
        { title: "楼道环境整治", dates: ["2026-02-01"], minutes: 120 },
        { title: "爱心义剪", dates: ["2026-03-07", "2026-03-14"], minutes: 150 },
      ],
    });
  });

  it("lists a day once when an activity had two shifts that day", () => {
    const facts = certificateFacts([
      { activityId: 1, title: "健康义诊", serviceDate: "2026-05-01", minutes: 60 },
      { activityId: 1, title: "健康义诊", serviceDate: "2026-05-01", minutes: 45 },
    ]);
    expect(facts.ok && facts.activities).toEqual([{ title: "健康义诊", dates: ["2026-05-01"], minutes: 105 }]);
  });

  it.each([
    { name: "no entries", entries: [] },
    {
      name: "only entries of no minutes",
      entries: [{ activityId: 1, title: "x", serviceDate: "2026-01-01", minutes: 0 }],
    },
  ])("refuses a period with $name", ({ entries }) => {
    expect(certificateFacts(entries)).toEqual({ ok: false, reason: "no_hours_in_period" });
  });

  it.each([
    { minutes: 0, hours: 0 },
    { minutes: 60, hours: 1 },
    { minutes: 90, hours: 1.5 },
    { minutes: 100, hours: 1.7 },
    { minutes: 2, hours: 0 },
    { minutes: 3, hours: 0.1 },
    { minutes: 6001, hours: 100 },
  ])("$minutes minutes print as $hours hours", ({ minutes, hours }) => {
    expect(certifiedHours(minutes)).toBe(hours);
  });
});

describe("verification codes", () => {
  it("are ten characters of the unambiguous alphabet, each drawn from the random source", () => {
    const draws: number[] = [];
    const code = newCertificateCode((bound) => {
      draws.push(bound);
      return (draws.length * 7) % bound;
    });
    expect(code).toHaveLength(CERTIFICATE_CODE_LENGTH);
    expect(draws).toEqual(Array(CERTIFICATE_CODE_LENGTH).fill(CERTIFICATE_CODE_ALPHABET.length));
    expect(isCertificateCode(code)).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
  });

  it("span the whole alphabet: the first and last letter are reachable", () => {
    expect(newCertificateCode(() => 0)).toBe("2".repeat(CERTIFICATE_CODE_LENGTH));
    expect(newCertificateCode((bound) => bound - 1)).toBe("Z".repeat(CERTIFICATE_CODE_LENGTH));
  });

  it.each([
    { typed: "qfhp 26zy-cs", code: "QFHP26ZYCS", valid: true },
    { typed: "QFHP26ZYC0", code: "QFHP26ZYC0", valid: false },
    { typed: "QFHP26ZYC", code: "QFHP26ZYC", valid: false },
    { typed: "QFHP26ZYCSS", code: "QFHP26ZYCSS", valid: false },
  ])("$typed reads as $code (valid: $valid)", ({ typed, code, valid }) => {
    expect(normaliseCertificateCode(typed)).toBe(code);
    expect(isCertificateCode(normaliseCertificateCode(typed))).toBe(valid);
  });
});
