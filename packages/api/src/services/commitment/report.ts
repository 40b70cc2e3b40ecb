import { count, eq } from "drizzle-orm";
import { decideReport, decideReportPhoto, fail, must, ok } from "@tongxin/core";
import { commitmentReportPhotos, commitmentReports, commitments } from "../../db/schema";
import type { Call } from "../call";
import { writeAudit } from "../audit";
import { isCommitter, isStaffOver, loadCommitment } from "./load";

/** 践诺 progress, by the committer or staff while the commitment is open; a staff report is audited. */
export async function reportCommitment(call: Call, id: number, text: string) {
  const actor = call.actor;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const loaded = await loadCommitment(tx, id);
    if (!loaded) return fail("not_found");
    const staff = isStaffOver(actor, loaded.scope);
    const decided = decideReport(loaded.row.state, { isCommitter: isCommitter(actor, loaded.row), isStaff: staff });
    if (!decided.ok) return decided;
    const [saved] = await tx
      .insert(commitmentReports)
      .values({ commitmentId: id, authorUserId: actor.userId, text, createdAt: now })
      .returning({ id: commitmentReports.id });
    const reportId = must(saved, "the inserted report").id;
    if (staff && !isCommitter(actor, loaded.row))
      await writeAudit(
        tx,
        {
          actorUserId: actor.userId,
          action: "commitment.report",
          entity: "commitment",
          entityId: id,
          scope: loaded.scope,
          after: { reportId, text },
        },
        { requestId: call.requestId, now },
      );
    return ok({ id: reportId });
  });
}

/** A photo on a progress report, by its author while the commitment is open; at most four per report. */
export async function addReportPhoto(call: Call, reportId: number, photo: string) {
  const actor = call.actor;
  if (!actor) return fail("unauthenticated");
  const now = call.deps.now();
  return call.deps.database.db.transaction(async (tx) => {
    const [report] = await tx
      .select({ authorUserId: commitmentReports.authorUserId, state: commitments.state })
      .from(commitmentReports)
      .innerJoin(commitments, eq(commitments.id, commitmentReports.commitmentId))
      .where(eq(commitmentReports.id, reportId));
    if (!report) return fail("not_found");
    if (report.authorUserId !== actor.userId) return fail("forbidden");
    const [photos] = await tx
      .select({ n: count() })
      .from(commitmentReportPhotos)
      .where(eq(commitmentReportPhotos.reportId, reportId));
    const decided = decideReportPhoto(report.state, photos?.n ?? 0);
    if (!decided.ok) return decided;
    const [saved] = await tx
      .insert(commitmentReportPhotos)
      .values({ reportId, photo, createdAt: now })
      .returning({ id: commitmentReportPhotos.id });
    return ok({ id: must(saved, "the inserted photo").id });
  });
}
