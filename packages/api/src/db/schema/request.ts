import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type SQLiteColumn,
} from "drizzle-orm/sqlite-core";
import {
  OPEN_REQUEST_STATUSES,
  CLOSURES,
  LEVELS,
  REQUEST_ACTIONS,
  REQUEST_CATEGORY_CODES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  URGENCIES,
} from "@tongxin/core";
import { createdAt, version } from "./columns";
import { buildings } from "./building";
import { communities } from "./community";
import { grids } from "./grid";
import { users } from "./user";
import { inList } from "./sql";

/**
 * 需求 / 微心愿 / 诉求. The holder (`holder_key`: volunteer:12, team:3, partner:5)
 * changes only through a conditional update; `request_holds` keeps the history.
 */
/**
 * The open statuses as literals, not parameters: SQLite uses the partial index
 * `requests_open` only for a query that repeats its WHERE term word for word.
 */
export const isOpenRequest = (status: SQLiteColumn) =>
  sql`${status} in (${sql.raw(OPEN_REQUEST_STATUSES.map((s) => `'${s}'`).join(", "))})`;

export const requests = sqliteTable(
  "requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    communityId: integer("community_id")
      .notNull()
      .references(() => communities.id),
    gridId: integer("grid_id").references(() => grids.id),
    buildingId: integer("building_id").references(() => buildings.id),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id),
    /** Set when a grid worker posted for a resident who could not (代发). */
    createdBy: integer("created_by").references(() => users.id),
    /** Posted from a need a care visit found (the visit names the request; this says only that it came from one). */
    fromVisit: integer("from_visit", { mode: "boolean" }).notNull().default(false),
    kind: text("kind", { enum: REQUEST_KINDS }).notNull(),
    category: text("category").notNull(),
    description: text("description").notNull(),
    urgency: text("urgency", { enum: URGENCIES }).notNull().default("normal"),
    windowStart: integer("window_start"),
    windowEnd: integer("window_end"),
    status: text("status", { enum: REQUEST_STATUSES }).notNull(),
    level: text("level", { enum: LEVELS }).notNull().default("grid"),
    holderKey: text("holder_key"),
    closure: text("closure", { enum: CLOSURES }),
    rating: integer("rating"),
    ratingComment: text("rating_comment"),
    createdAt: createdAt(),
    acceptedAt: integer("accepted_at"),
    doneAt: integer("done_at"),
    closedAt: integer("closed_at"),
    version: version(),
  },
  (t) => [
    index("requests_community_status").on(t.communityId, t.status, t.id),
    // Staff lists and the board run newest (or oldest) first over a whole community: served in id order, never sorted.
    index("requests_community").on(t.communityId, t.id),
    // The dashboard's months: what a community received in the last 12 months, without reading its older past.
    index("requests_community_created").on(t.communityId, t.createdAt),
    // The board's recent closures, newest closure first.
    index("requests_community_closed").on(t.communityId, t.status, t.closedAt),
    // The overdue list (预警), oldest first: only open requests, so late ones are found without reading the closed past.
    index("requests_open").on(t.communityId, t.id).where(isOpenRequest(t.status)),
    // The auto-close sweep: done requests the resident left unconfirmed, oldest first.
    index("requests_done").on(t.status, t.doneAt),
    index("requests_grid_status").on(t.gridId, t.status),
    index("requests_owner").on(t.ownerUserId, t.id),
    // A holder's requests newest first (我的任务); only live requests have a holder, so no status is needed.
    index("requests_holder").on(t.holderKey, t.id),
    check("requests_kind", sql`${t.kind} in (${inList(REQUEST_KINDS)})`),
    check("requests_category", sql`${t.category} in (${inList(REQUEST_CATEGORY_CODES)})`),
    check("requests_status", sql`${t.status} in (${inList(REQUEST_STATUSES)})`),
    check("requests_level", sql`${t.level} in (${inList(LEVELS)})`),
    check("requests_rating", sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check("requests_description_len", sql`length(${t.description}) between 1 and 1000`),
    // A held request has a holder; an unheld one has none.
    check(
      "requests_holder_state",
      sql`(${t.holderKey} is not null) = (${t.status} in ('assigned', 'claimed', 'in_progress', 'done'))`,
    ),
  ],
);

/** Who held a request and when; at most one open hold per request, whatever the code does. */
export const requestHolds = sqliteTable(
  "request_holds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id),
    holderKey: text("holder_key").notNull(),
    how: text("how", { enum: ["claimed", "assigned"] }).notNull(),
    startedAt: integer("started_at").notNull(),
    endedAt: integer("ended_at"),
    endReason: text("end_reason"),
  },
  (t) => [
    uniqueIndex("request_holds_open").on(t.requestId).where(sql`${t.endedAt} is null`),
    index("request_holds_holder").on(t.holderKey, t.endedAt),
    // A closed request's last holder, for its book: a page's requests, their holds in order.
    index("request_holds_request").on(t.requestId),
  ],
);

/** The timeline the resident sees: every transition with actor, time and note. */
export const requestEvents = sqliteTable(
  "request_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    requestId: integer("request_id")
      .notNull()
      .references(() => requests.id),
    action: text("action").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [
    index("request_events_request").on(t.requestId, t.id),
    check("request_events_action", sql`${t.action} in ('create', ${inList(REQUEST_ACTIONS)})`),
  ],
);

/** How many requests of a community are in each status: kept by triggers (custom migration request_counts) for the public board. */
export const requestCounts = sqliteTable(
  "request_counts",
  {
    communityId: integer("community_id").notNull(),
    status: text("status").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.status] })],
);
