import type { RatePolicy } from "./rate-limit";
import { fail, ok, type Result } from "./result";

/**
 * 志愿服务证明: a volunteer's confirmed service over a period, certified once
 * by their community and checked by anyone through a short code.
 */

/** A certificate covers at most this many years: longer records are several certificates. */
export const CERTIFICATE_PERIOD_YEARS_MAX = 5;

/** No 0/O, 1/I/L: the code is read off paper and typed by hand. */
export const CERTIFICATE_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** 31¹⁰ ≈ 8 × 10¹⁴ codes: guessing one at the lookup's rate takes longer than any certificate matters. */
export const CERTIFICATE_CODE_LENGTH = 10;
const CODE_PATTERN = new RegExp(`^[${CERTIFICATE_CODE_ALPHABET}]{${CERTIFICATE_CODE_LENGTH}}$`);

/** Certificates issued for one holder a day (by themself or staff): each is a stored snapshot, so not without end. */
export const CERTIFICATE_ISSUE_POLICY = { limit: 20, windowMs: 24 * 60 * 60_000 } as const satisfies RatePolicy;
/** Public lookups per client address: what a verifier needs, too few to enumerate codes (found ones are handed back). */
export const CERTIFICATE_LOOKUP_POLICY = { limit: 30, windowMs: 60 * 60_000 } as const satisfies RatePolicy;

export type Period = { from: string; to: string };
export type PeriodRefusal = "period_reversed" | "period_in_future" | "period_too_long";

/** YYYY-MM-DD naming a day that exists (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/** The same day so many years later, as text (2024-02-29 + 5 → 2029-02-29, which compares as the day after 02-28). */
const yearsLater = (day: string, years: number) =>
  `${String(Number(day.slice(0, 4)) + years).padStart(4, "0")}${day.slice(4)}`;

/** A period of whole days in Asia/Shanghai, both ends included, that has already happened. */
export function decidePeriod(period: Period, today: string): Result<Period, PeriodRefusal> {
  if (period.from > period.to) return fail("period_reversed");
  if (period.to > today) return fail("period_in_future");
  if (period.to >= yearsLater(period.from, CERTIFICATE_PERIOD_YEARS_MAX)) return fail("period_too_long");
  return ok({ from: period.from, to: period.to });
}

/** One confirmed, unvoided service entry of the period. */
/** `activityId` is null for a care visit's hours: all of them are one line of the certificate. */
export type ServiceEntry = { activityId: number | null; title: string; serviceDate: string; minutes: number };
export type CertifiedActivity = { title: string; dates: string[]; minutes: number };
export type CertificateFacts = { minutes: number; activityCount: number; activities: CertifiedActivity[] };

/** Minutes → hours with one decimal, as the certificate prints them (100 min → 1.7). */
export const certifiedHours = (minutes: number): number => Math.round(minutes / 6) / 10;

/**
 * What a certificate states: the minutes served, and each activity with the days
 * served in it, in the order they happened. Entries of no minutes certify nothing.
 */
export function certificateFacts(entries: readonly ServiceEntry[]): Result<CertificateFacts, "no_hours_in_period"> {
  const byActivity = new Map<number | null, CertifiedActivity>();
  let minutes = 0;
  for (const entry of [...entries].sort((a, b) => a.serviceDate.localeCompare(b.serviceDate))) {
    if (entry.minutes <= 0) continue;
    minutes += entry.minutes;
    const activity = byActivity.get(entry.activityId) ?? { title: entry.title, dates: [], minutes: 0 };
    if (!activity.dates.includes(entry.serviceDate)) activity.dates.push(entry.serviceDate);
    activity.minutes += entry.minutes;
    byActivity.set(entry.activityId, activity);
  }
  if (minutes === 0) return fail("no_hours_in_period");
  const activities = [...byActivity.values()];
  return ok({ minutes, activityCount: activities.length, activities });
}

/** A fresh verification code; `randomBelow(n)` must be uniform over 0…n-1 (a CSPRNG in the API). */
export function newCertificateCode(randomBelow: (bound: number) => number): string {
  let code = "";
  for (let i = 0; i < CERTIFICATE_CODE_LENGTH; i++)
    code += CERTIFICATE_CODE_ALPHABET.charAt(randomBelow(CERTIFICATE_CODE_ALPHABET.length));
  return code;
}

/** A code as typed: case and spaces or dashes between groups do not matter. */
export const normaliseCertificateCode = (text: string): string => text.replace(/[\s-]/g, "").toUpperCase();

export const isCertificateCode = (text: string): boolean => CODE_PATTERN.test(text);
