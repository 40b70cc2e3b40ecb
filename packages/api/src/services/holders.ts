import { eq, inArray } from "drizzle-orm";
import { maskName } from "@tongxin/core";
import type { Db } from "../db/client";
import { offers, partnerUnits, teams, users, volunteers } from "../db/schema";

/**
 * The names behind holder and candidate keys (volunteer:12, team:3, partner:5,
 * offer:7). With `publicOnly`, a volunteer's name is masked unless they agreed to show it.
 */
export async function namesOf(db: Db, keys: readonly (string | null)[], options: { publicOnly?: boolean } = {}): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(keys.filter((k): k is string => k?.startsWith(`${kind}:`) ?? false).map((k) => Number(k.split(":")[1])))];
  const names = new Map<string, string>();
  const v = ids("volunteer");
  if (v.length) {
    const rows = await db.select({ id: users.id, name: users.name, consent: volunteers.publicNameConsent }).from(users).leftJoin(volunteers, eq(volunteers.userId, users.id)).where(inArray(users.id, v));
    for (const r of rows) names.set(`volunteer:${r.id}`, options.publicOnly && !r.consent ? maskName(r.name) : r.name);
  }
  const tm = ids("team");
  if (tm.length) for (const r of await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, tm))) names.set(`team:${r.id}`, r.name);
  const pu = ids("partner");
  if (pu.length) for (const r of await db.select({ id: partnerUnits.id, name: partnerUnits.name }).from(partnerUnits).where(inArray(partnerUnits.id, pu))) names.set(`partner:${r.id}`, r.name);
  const of = ids("offer");
  if (of.length) for (const r of await db.select({ id: offers.id, title: offers.title }).from(offers).where(inArray(offers.id, of))) names.set(`offer:${r.id}`, r.title);
  return names;
}
