import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { COMMITMENT_LINK_KINDS, COMMITMENT_STATES, COMMITTER_KINDS } from "@tongxin/core";
import { createdAt, version } from "./columns";
import { communities } from "./community";
import { partnerUnits } from "./volunteer";
import { users } from "./user";
import { inList } from "./sql";

/**
 * 承诺践诺: a public commitment by a Party member (`committerUserId`), the community's Party branch or a partner unit
 * (`partnerUnitId`), open until staff mark it kept, not kept or withdrawn. `linkKind`/`linkId` name a topic, project
 * or request of the same community (checked by the verb: the three live in different tables).
 */
export const commitments = sqliteTable(
  "commitments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    committerKind: text("committer_kind", { enum: COMMITTER_KINDS }).notNull(),
    committerUserId: integer("committer_user_id").references(() => users.id),
    partnerUnitId: integer("partner_unit_id").references(() => partnerUnits.id),
    what: text("what").notNull(),
    detail: text("detail"),
    /** The Shanghai day (YYYY-MM-DD) it is to be kept by. */
    dueOn: text("due_on").notNull(),
    linkKind: text("link_kind", { enum: COMMITMENT_LINK_KINDS }),
    linkId: integer("link_id"),
    state: text("state", { enum: COMMITMENT_STATES }).notNull().default("open"),
    outcomeReason: text("outcome_reason"),
    decidedBy: integer("decided_by").references(() => users.id),
    decidedAt: integer("decided_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index("commitments_community_id").on(t.communityId, t.id),
    index("commitments_community_state").on(t.communityId, t.state, t.id),
    index("commitments_community_kind").on(t.communityId, t.committerKind, t.id),
    // 我的承诺: those a person made (a member's own, or a unit's by its volunteer).
    index("commitments_created_by").on(t.createdBy, t.id),
    // The due and overdue list and the warnings' facts: open commitments of a community by day.
    index("commitments_open_due").on(t.communityId, t.dueOn, t.id).where(sql`${t.state} = 'open'`),
    check("commitments_state", sql`${t.state} in (${inList(COMMITMENT_STATES)})`),
    check("commitments_kind", sql`${t.committerKind} in (${inList(COMMITTER_KINDS)})`),
    check(
      "commitments_committer",
      sql`(${t.committerUserId} is not null) = (${t.committerKind} = 'member') and (${t.partnerUnitId} is not null) = (${t.committerKind} = 'partner')`,
    ),
    check("commitments_link", sql`(${t.linkKind} is null) = (${t.linkId} is null)`),
    check("commitments_what_len", sql`length(${t.what}) between 1 and 200`),
    check("commitments_reason", sql`${t.state} in ('open', 'kept') or length(${t.outcomeReason}) between 1 and 200`),
  ],
);

/** 践诺 progress: what the committer or staff report while the commitment is open. */
export const commitmentReports = sqliteTable(
  "commitment_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    authorUserId: integer("author_user_id")
      .notNull()
      .references(() => users.id),
    text: text("text").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("commitment_reports_commitment").on(t.commitmentId, t.id),
    check("commitment_reports_text_len", sql`length(${t.text}) between 1 and 500`),
  ],
);

/** A report's photos (small JPEG data URLs, as rating evidence keeps them), at most four per report. */
export const commitmentReportPhotos = sqliteTable(
  "commitment_report_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => commitmentReports.id),
    photo: text("photo").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("commitment_report_photos_report").on(t.reportId, t.id)],
);

/** The partial index of open commitments serves a query only when its condition is this literal, not a bound value. */
export const openCommitment = sql`${commitments.state} = 'open'`;
