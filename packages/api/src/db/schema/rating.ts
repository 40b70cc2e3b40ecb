import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CYCLE_STATUSES, DECISION_RULES, NOMINATION_ROUTES, OBJECTION_OUTCOMES, SUBJECT_KINDS } from "@tongxin/core";
import { createdAt, version } from "./columns";
import { communities } from "./community";
import { users } from "./user";
import { inList } from "./sql";

/** A scheme of stars: built in (no community; 五星党员, 五星家庭) or a community's own (服务之星…). `stars` is JSON (StarSpec[]). */
export const ratingSchemes = sqliteTable(
  "rating_schemes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id").references(() => communities.id),
    code: text("code"),
    name: text("name").notNull(),
    subjectKind: text("subject_kind", { enum: SUBJECT_KINDS }).notNull(),
    stars: text("stars").notNull(),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("rating_schemes_code").on(t.code),
    index("rating_schemes_community").on(t.communityId),
    check("rating_schemes_subject", sql`${t.subjectKind} in (${inList(SUBJECT_KINDS)})`),
  ],
);

/** One round of a scheme in a community for a period: nominate → review → public notice → publish. */
export const ratingCycles = sqliteTable(
  "rating_cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    schemeId: integer("scheme_id")
      .notNull()
      .references(() => ratingSchemes.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    title: text("title").notNull(),
    periodLabel: text("period_label").notNull(),
    periodStart: integer("period_start").notNull(),
    periodEnd: integer("period_end").notNull(),
    nominationEndsAt: integer("nomination_ends_at").notNull(),
    reviewEndsAt: integer("review_ends_at").notNull(),
    noticeWorkingDays: integer("notice_working_days").notNull(),
    /** The announced publication date, if any: not published before it. */
    publishOn: integer("publish_on"),
    decisionRule: text("decision_rule", { enum: DECISION_RULES }).notNull(),
    status: text("status", { enum: CYCLE_STATUSES }).notNull(),
    noticeStartedAt: integer("notice_started_at"),
    publishedAt: integer("published_at"),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index("rating_cycles_community_status").on(t.communityId, t.status, t.id),
    index("rating_cycles_community").on(t.communityId, t.id),
    check("rating_cycles_status", sql`${t.status} in (${inList(CYCLE_STATUSES)})`),
    check("rating_cycles_rule", sql`${t.decisionRule} in (${inList(DECISION_RULES)})`),
  ],
);

/** A candidate: who (`user:12`, `household:5`, `partner:3`), by which route, why each star, and the evidence gathered. */
export const ratingNominations = sqliteTable(
  "rating_nominations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => ratingCycles.id),
    subjectKey: text("subject_key").notNull(),
    route: text("route", { enum: NOMINATION_ROUTES }).notNull(),
    nominatorUserId: integer("nominator_user_id")
      .notNull()
      .references(() => users.id),
    /** JSON: star key → why it is deserved. */
    statements: text("statements").notNull(),
    evidenceText: text("evidence_text").notNull().default(""),
    /** JSON: the Evidence Tongxin gathered for the period when nominated. */
    evidenceAuto: text("evidence_auto").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("rating_nominations_subject").on(t.cycleId, t.subjectKey),
    index("rating_nominations_cycle").on(t.cycleId, t.id),
    index("rating_nominations_nominator").on(t.nominatorUserId, t.id),
    index("rating_nominations_subject_key").on(t.subjectKey, t.id),
    check("rating_nominations_route", sql`${t.route} in (${inList(NOMINATION_ROUTES)})`),
  ],
);

/** Photos offered as evidence: small JPEG data URLs, resized by the browser. */
export const ratingEvidencePhotos = sqliteTable("rating_evidence_photos", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  nominationId: integer("nomination_id")
    .notNull()
    .references(() => ratingNominations.id),
  photo: text("photo").notNull(),
  createdBy: integer("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

/** A committee member's score of one star of one candidate; changeable during review. */
export const ratingVotes = sqliteTable(
  "rating_votes",
  {
    nominationId: integer("nomination_id")
      .notNull()
      .references(() => ratingNominations.id),
    starKey: text("star_key").notNull(),
    memberUserId: integer("member_user_id")
      .notNull()
      .references(() => users.id),
    award: integer("award", { mode: "boolean" }).notNull(),
    comment: text("comment").notNull().default(""),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.starKey, t.memberUserId] })],
);

/** A declared conflict of interest: that member's votes on the candidate are excluded. */
export const ratingConflicts = sqliteTable(
  "rating_conflicts",
  {
    nominationId: integer("nomination_id")
      .notNull()
      .references(() => ratingNominations.id),
    memberUserId: integer("member_user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.nominationId, t.memberUserId] })],
);

/** The committee's decision on a candidate (stars, reasons); with stars it is an entry of the public notice. */
export const ratingDecisions = sqliteTable("rating_decisions", {
  nominationId: integer("nomination_id")
    .primaryKey()
    .references(() => ratingNominations.id),
  /** JSON: the star keys awarded. */
  stars: text("stars").notNull(),
  reason: text("reason").notNull(),
  decidedBy: integer("decided_by")
    .notNull()
    .references(() => users.id),
  decidedAt: integer("decided_at").notNull(),
  /** When this entry's notice ends; restarted by a material change after an objection. */
  noticeEndsAt: integer("notice_ends_at"),
});

/** An objection during the notice and the committee's public answer (the objector is never published). */
export const ratingObjections = sqliteTable(
  "rating_objections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    nominationId: integer("nomination_id")
      .notNull()
      .references(() => ratingNominations.id),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => ratingCycles.id),
    objectorUserId: integer("objector_user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
    answer: text("answer"),
    outcome: text("outcome", { enum: OBJECTION_OUTCOMES }),
    answeredBy: integer("answered_by").references(() => users.id),
    answeredAt: integer("answered_at"),
  },
  (t) => [
    index("rating_objections_cycle").on(t.cycleId),
    uniqueIndex("rating_objections_objector").on(t.nominationId, t.objectorUserId),
    check("rating_objections_outcome", sql`${t.outcome} is null or ${t.outcome} in (${inList(OBJECTION_OUTCOMES)})`),
  ],
);

/** A published award: immutable (triggers, migration 0011); a revocation is a record of its own. */
export const ratingAwards = sqliteTable(
  "rating_awards",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => ratingCycles.id),
    nominationId: integer("nomination_id")
      .notNull()
      .references(() => ratingNominations.id),
    schemeId: integer("scheme_id")
      .notNull()
      .references(() => ratingSchemes.id),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    subjectKey: text("subject_key").notNull(),
    stars: text("stars").notNull(),
    starCount: integer("star_count").notNull(),
    periodLabel: text("period_label").notNull(),
    publishedAt: integer("published_at").notNull(),
  },
  (t) => [
    uniqueIndex("rating_awards_nomination").on(t.nominationId),
    index("rating_awards_community").on(t.communityId, t.schemeId),
    index("rating_awards_community_period").on(t.communityId, sql`${t.periodLabel} desc`, t.id),
    index("rating_awards_subject").on(t.subjectKey),
  ],
);

export const ratingRevocations = sqliteTable("rating_revocations", {
  awardId: integer("award_id")
    .primaryKey()
    .references(() => ratingAwards.id),
  reason: text("reason").notNull(),
  revokedBy: integer("revoked_by")
    .notNull()
    .references(() => users.id),
  revokedAt: integer("revoked_at").notNull(),
});
