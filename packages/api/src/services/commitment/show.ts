import { desc, eq, inArray } from "drizzle-orm";
import { fail, must, ok } from "@tongxin/core";
import { commitmentReportPhotos, commitmentReports } from "../../db/schema";
import type { Call } from "../call";
import { peopleNames } from "../people";
import { toIso } from "../../time";
import { deskViews, isCommitter, isStaffOver, loadCommitment } from "./load";

/** The newest reports shown with a commitment; older ones are rarely read and would make the answer heavy with photos. */
const REPORTS_SHOWN_MAX = 20;

/**
 * A commitment with its newest progress reports and their photos (public, as the commitment is): who reported is
 * named in full to staff in scope and the committer, masked to others unless they consented.
 */
export async function showCommitment(call: Call, id: number) {
  const db = call.deps.database.db;
  const loaded = await loadCommitment(db, id);
  if (!loaded) return fail("not_found");
  const staff = isStaffOver(call.actor, loaded.scope);
  const mine = isCommitter(call.actor, loaded.row);
  const [view] = await deskViews(db, [loaded.row], staff || mine, call.deps.now());
  const reports = await db
    .select()
    .from(commitmentReports)
    .where(eq(commitmentReports.commitmentId, id))
    .orderBy(desc(commitmentReports.id))
    .limit(REPORTS_SHOWN_MAX);
  const photos = reports.length
    ? await db
        .select({
          id: commitmentReportPhotos.id,
          reportId: commitmentReportPhotos.reportId,
          photo: commitmentReportPhotos.photo,
        })
        .from(commitmentReportPhotos)
        .where(
          inArray(
            commitmentReportPhotos.reportId,
            reports.map((r) => r.id),
          ),
        )
    : [];
  const names = await peopleNames(
    db,
    reports.map((r) => r.authorUserId),
    staff || mine,
  );
  return ok({
    ...must(view),
    mayReport: loaded.row.state === "open" && (staff || mine),
    mayDecide: loaded.row.state === "open" && staff,
    reports: reports.map((r) => ({
      id: r.id,
      text: r.text,
      author: names.get(r.authorUserId) ?? "",
      at: toIso(r.createdAt),
      photos: photos.filter((p) => p.reportId === r.id).map((p) => ({ id: p.id, photo: p.photo })),
    })),
  });
}
