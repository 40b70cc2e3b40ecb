import { eq, lte } from "drizzle-orm";
import type { Adapter, DatabaseSession, DatabaseUser } from "lucia";
import type { Grant } from "@tongxin/core";
import type { Database } from "../db/client";
import { sessions } from "../db/schema";

/** What every request needs about its user, read with the session in one statement. */
export type SessionUserAttributes = {
  name: string;
  phone: string;
  communityId: number | null;
  disabledAt: number | null;
  mustChangePassword: boolean;
  grants: Grant[];
};

type Row = {
  id: string;
  user_id: number;
  expires_at: number;
  name: string;
  phone: string;
  community_id: number | null;
  disabled_at: number | null;
  must_change_password: number;
  grants: string;
};

// One round trip per request: the session, its user and the user's live role grants.
const SESSION_AND_USER = `
select s.id, s.user_id, s.expires_at, u.name, u.phone, u.community_id, u.disabled_at, u.must_change_password,
  (select json_group_array(json_object('role', g.role, 'scopeKind', g.scope_kind, 'scopeId', g.scope_id))
     from role_grants g where g.user_id = u.id and g.revoked_at is null) as grants
from sessions s join users u on u.id = s.user_id
where s.id = ?`;

const toSession = (id: string, userId: number, expiresAtSeconds: number): DatabaseSession => ({
  id,
  userId,
  expiresAt: new Date(expiresAtSeconds * 1000),
  attributes: {},
});

/**
 * A small lucia adapter of our own (the drizzle one needs a second and third
 * query for the user and grants). Expiry is stored in whole seconds.
 */
export class TongxinAdapter implements Adapter {
  constructor(private readonly database: Database) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const result = await this.database.client.execute({ sql: SESSION_AND_USER, args: [sessionId] });
    const row = result.rows[0] as unknown as Row | undefined;
    if (!row) return [null, null];
    const attributes: SessionUserAttributes = {
      name: row.name,
      phone: row.phone,
      communityId: row.community_id === null ? null : Number(row.community_id),
      disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
      mustChangePassword: Number(row.must_change_password) === 1,
      grants: JSON.parse(row.grants) as Grant[],
    };
    return [toSession(row.id, Number(row.user_id), Number(row.expires_at)), { id: Number(row.user_id), attributes }];
  }

  async getUserSessions(userId: number): Promise<DatabaseSession[]> {
    const rows = await this.database.db.select().from(sessions).where(eq(sessions.userId, userId));
    return rows.map((r) => toSession(r.id, r.userId, r.expiresAt));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.database.db
      .insert(sessions)
      .values({ id: session.id, userId: session.userId, expiresAt: Math.floor(session.expiresAt.getTime() / 1000) });
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.database.db
      .update(sessions)
      .set({ expiresAt: Math.floor(expiresAt.getTime() / 1000) })
      .where(eq(sessions.id, sessionId));
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.database.db.delete(sessions).where(eq(sessions.id, sessionId));
  }

  async deleteUserSessions(userId: number): Promise<void> {
    await this.database.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.database.db.delete(sessions).where(lte(sessions.expiresAt, Math.floor(Date.now() / 1000)));
  }
}
