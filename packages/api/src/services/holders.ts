import { inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { offers, partnerUnits, teams } from "../db/schema";
import { peopleNames } from "./people";

/**
 * The names behind holder and candidate keys (volunteer:12, team:3, partner:5,
 * offer:7). With `publicOnly`, a volunteer's name is masked unless they agreed to show it.
 */
export async function namesOf(
  db: Db,
  keys: readonly (string | null)[],
  options: { publicOnly?: boolean } = {},
): Promise<Map<string, string>> {
  const ids = (kind: string) => [
    ...new Set(keys.filter((k): k is string => k?.startsWith(`${kind}:`) ?? false).map((k) => Number(k.split(":")[1]))),
  ];
  const names = new Map<string, string>();
  const v = ids("volunteer");
  for (const [id, name] of await peopleNames(db, v, !options.publicOnly)) names.set(`volunteer:${id}`, name);
  const tm = ids("team");
  if (tm.length)
    for (const r of await db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, tm)))
      names.set(`team:${r.id}`, r.name);
  const pu = ids("partner");
  if (pu.length)
    for (const r of await db
      .select({ id: partnerUnits.id, name: partnerUnits.name })
      .from(partnerUnits)
      .where(inArray(partnerUnits.id, pu)))
      names.set(`partner:${r.id}`, r.name);
  const of = ids("offer");
  if (of.length)
    for (const r of await db.select({ id: offers.id, title: offers.title }).from(offers).where(inArray(offers.id, of)))
      names.set(`offer:${r.id}`, r.title);
  return names;
}
