import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { API_TOKEN_ACCESSES } from "@tongxin/core";
import { createdAt } from "./columns";
import { communities } from "./community";
import { streets } from "./street";
import { users } from "./user";
import { inList } from "./sql";

/**
 * API tokens another system holds (decision 0020). Only the SHA-256 of the secret is kept (like sessions), so a
 * leaked table opens nothing; `prefix` is the secret's first characters, not secret, for telling tokens apart in a
 * list. `community_id` null: the whole street. Revoked tokens stay, for the audit log's sake.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    streetId: integer("street_id")
      .notNull()
      .references(() => streets.id),
    communityId: integer("community_id").references(() => communities.id),
    access: text("access", { enum: API_TOKEN_ACCESSES }).notNull(),
    tokenHash: text("token_hash").notNull(),
    prefix: text("prefix").notNull(),
    issuedBy: integer("issued_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokedBy: integer("revoked_by").references(() => users.id),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [
    uniqueIndex("api_tokens_token_hash").on(t.tokenHash),
    // The street's list, newest first.
    index("api_tokens_street").on(t.streetId, t.id),
    check("api_tokens_access", sql`${t.access} in (${inList(API_TOKEN_ACCESSES)})`),
    check("api_tokens_expiry", sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);
