import { certifiedHours, maskName } from "@tongxin/core";
import type { certificates } from "../../db/schema";
import { toIso } from "../../time";

type Row = typeof certificates.$inferSelect;

/** Everything the printed certificate states, for its holder and staff in scope. */
export const certificateView = (row: Row) => ({
  id: row.id,
  code: row.code,
  name: row.holderName,
  community: row.communityName,
  from: row.periodFrom,
  to: row.periodTo,
  minutes: row.minutes,
  hours: certifiedHours(row.minutes),
  activityCount: row.activityCount,
  activities: row.activities,
  issuedAt: toIso(row.issuedAt),
});

/** What anyone holding the code may check: the facts with the name masked, nothing that reaches the person. */
export const publicCertificateView = (row: Row) => ({
  name: maskName(row.holderName),
  community: row.communityName,
  from: row.periodFrom,
  to: row.periodTo,
  hours: certifiedHours(row.minutes),
  issuedAt: toIso(row.issuedAt),
});
