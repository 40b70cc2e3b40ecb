import { eq, inArray, sql } from "drizzle-orm";
import { CARE_VISIT_SERVICE_TITLE, maskName, kindOf, type AccountKey, type ExportLanguage, must } from "@tongxin/core";
import type { Db } from "../../db/client";
import { activities, earnings, redemptions, requests, serviceHours, storeItems, users } from "../../db/schema";

/**
 * What a statement line was for, so it names its source instead of "志愿服务积分
 * +1": the activity and shift date for hours, the request for a request, the
 * item for a redemption, the other side of a donation (masked: the giver may
 * not know a household by more than its name).
 */
export type EntrySource =
  | { kind: "hours"; activity: string; date: string }
  | { kind: "request"; requestId: number; category: string }
  | { kind: "redemption"; item: string; quantity: number }
  | { kind: "donation"; to: boolean; name: string; fund: boolean };

type Line = { transferId: number; cause: string | null; debit: string; credit: string };

const idsAfter = (lines: Line[], prefix: string) =>
  [
    ...new Set(
      lines.filter((l) => l.cause?.startsWith(`${prefix}:`)).map((l) => Number(must(l.cause).slice(prefix.length + 1))),
    ),
  ].concat(-1);

/** Earnings → the hours (activity, shift date) or request that earned them. */
async function earningSources(db: Db, lines: Line[], into: Map<number, EntrySource>) {
  const rows = await db
    .select({ id: earnings.id, cause: earnings.cause })
    .from(earnings)
    .where(inArray(earnings.id, idsAfter(lines, "earning")));
  const causes = new Map(rows.map((r) => [r.id, r.cause]));
  const hoursIds = rows
    .filter((r) => r.cause.startsWith("hours:"))
    .map((r) => Number(r.cause.slice(6)))
    .concat(-1);
  const requestIds = rows
    .filter((r) => r.cause.startsWith("request:"))
    .map((r) => Number(r.cause.slice(8)))
    .concat(-1);
  const hours = new Map(
    (
      await db
        .select({
          id: serviceHours.id,
          title: sql<string>`coalesce(${activities.title}, ${CARE_VISIT_SERVICE_TITLE})`,
          serviceDate: serviceHours.serviceDate,
        })
        .from(serviceHours)
        .leftJoin(activities, eq(activities.id, serviceHours.activityId))
        .where(inArray(serviceHours.id, hoursIds))
    ).map((h) => [`hours:${h.id}`, h]),
  );
  const asked = new Map(
    (
      await db
        .select({ id: requests.id, category: requests.category })
        .from(requests)
        .where(inArray(requests.id, requestIds))
    ).map((r) => [`request:${r.id}`, r]),
  );
  for (const line of lines.filter((l) => l.cause?.startsWith("earning:"))) {
    const cause = causes.get(Number(must(line.cause).slice(8))) ?? "";
    const h = hours.get(cause);
    const r = asked.get(cause);
    if (h) into.set(line.transferId, { kind: "hours", activity: h.title, date: h.serviceDate });
    else if (r) into.set(line.transferId, { kind: "request", requestId: r.id, category: r.category });
  }
}

async function redemptionSources(db: Db, lines: Line[], into: Map<number, EntrySource>) {
  const rows = await db
    .select({ id: redemptions.id, item: storeItems.name, quantity: redemptions.quantity })
    .from(redemptions)
    .innerJoin(storeItems, eq(storeItems.id, redemptions.itemId))
    .where(inArray(redemptions.id, idsAfter(lines, "redemption")));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const line of lines.filter((l) => l.cause?.startsWith("redemption:"))) {
    const r = byId.get(Number(must(line.cause).slice(11)));
    if (r) into.set(line.transferId, { kind: "redemption", item: r.item, quantity: r.quantity });
  }
}

/** A donation names the other side from the reader's account: a household by its first member (郑*兰家), a person masked, the fund as the fund. */
async function donationSources(db: Db, lines: Line[], reader: AccountKey, into: Map<number, EntrySource>) {
  const donated = lines.filter((l) => l.cause === "donation");
  const others = donated.map((l) => (l.debit === reader ? l.credit : l.debit) as AccountKey);
  const userIds = others
    .filter((a) => kindOf(a) === "volunteer")
    .map((a) => Number(a.split(":")[1]))
    .concat(-1);
  const homeIds = others
    .filter((a) => kindOf(a) === "household")
    .map((a) => Number(a.split(":")[1]))
    .concat(-1);
  const people = new Map(
    (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds))).map((u) => [
      `volunteer:${u.id}`,
      maskName(u.name),
    ]),
  );
  const homes = new Map<string, string>();
  // A household's few members are ordered here, not by a sort in the database.
  const members = await db
    .select({ id: users.id, householdId: users.householdId, name: users.name })
    .from(users)
    .where(inArray(users.householdId, homeIds));
  for (const m of members.sort((a, b) => a.id - b.id)) {
    if (!homes.has(`household:${m.householdId}`)) homes.set(`household:${m.householdId}`, `${maskName(m.name)}家`);
  }
  donated.forEach((line, i) => {
    const other = must(others[i]);
    into.set(line.transferId, {
      kind: "donation",
      to: line.debit === reader,
      name: people.get(other) ?? homes.get(other) ?? "",
      fund: kindOf(other) === "fund",
    });
  });
}

/** The sources of a statement's lines, by transfer id, read from the account `reader` (whose side of a donation it is). */
export async function sourcesOf(db: Db, lines: Line[], reader: AccountKey): Promise<Map<number, EntrySource>> {
  const into = new Map<number, EntrySource>();
  await earningSources(db, lines, into);
  await redemptionSources(db, lines, into);
  await donationSources(db, lines, reader, into);
  return into;
}

/** A source as the community's book (台账) writes it, in the reader's language. */
export function sourceText(source: EntrySource | null, language: ExportLanguage): string | null {
  if (!source) return null;
  const zh = language === "zh";
  if (source.kind === "hours")
    return zh ? `${source.activity}（${source.date}）` : `${source.activity} (${source.date})`;
  if (source.kind === "request") return zh ? `需求 #${source.requestId}` : `Request #${source.requestId}`;
  if (source.kind === "redemption") return `${source.item} × ${source.quantity}`;
  const other = source.fund ? (zh ? "社区积分基金" : "the community fund") : source.name;
  if (zh) return source.to ? `转赠给 ${other}` : `来自 ${other}`;
  return source.to ? `Given to ${other}` : `From ${other}`;
}
