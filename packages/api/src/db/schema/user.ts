import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { ROLES, SCOPE_KINDS } from "@tongxin/core";
import { createdAt } from "./columns";
import { buildings } from "./building";
import { communities } from "./community";
import { households } from "./household";
import { inList } from "./sql";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    phone: text("phone").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    communityId: integer("community_id").references(() => communities.id),
    buildingId: integer("building_id").references(() => buildings.id),
    householdId: integer("household_id").references(() => households.id),
    /** Set when staff registered the account on the resident's behalf (代注册). */
    createdBy: integer("created_by").references((): AnySQLiteColumn => users.id),
    /** Set while the password is a one-time one staff handed over (proxy registration, reset): every route but the change refuses. */
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    disabledAt: integer("disabled_at"),
  },
  (t) => [
    index("users_community").on(t.communityId),
    index("users_household").on(t.householdId),
    index("users_building").on(t.buildingId),
    check(
      "users_phone_format",
      sql`length(${t.phone}) = 11 and ${t.phone} glob '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`,
    ),
    check("users_name_len", sql`length(${t.name}) between 1 and 30`),
  ],
);

export const roleGrants = sqliteTable(
  "role_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role", { enum: ROLES }).notNull(),
    scopeKind: text("scope_kind", { enum: SCOPE_KINDS }).notNull(),
    scopeId: integer("scope_id").notNull(),
    grantedBy: integer("granted_by").references(() => users.id),
    createdAt: createdAt(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [
    uniqueIndex("role_grants_live").on(t.userId, t.role, t.scopeKind, t.scopeId).where(sql`${t.revokedAt} is null`),
    index("role_grants_scope").on(t.scopeKind, t.scopeId),
    check("role_grants_role", sql`${t.role} in (${inList(ROLES)})`),
    check("role_grants_scope_kind", sql`${t.scopeKind} in (${inList(SCOPE_KINDS)})`),
  ],
);

/** Lucia sessions. `id` is the SHA-256 of the token in the cookie, so a leaked table opens no session. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user").on(t.userId)],
);
