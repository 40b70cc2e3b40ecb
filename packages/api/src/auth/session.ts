import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { Lucia, TimeSpan } from "lucia";
import type { Database } from "../db/client";
import { TongxinAdapter, type SessionUserAttributes } from "./adapter";

export const SESSION_COOKIE = "tongxin_session";

declare module "lucia" {
  interface Register {
    Lucia: Lucia<Record<never, never>, SessionUserAttributes>;
    UserId: number;
    DatabaseUserAttributes: SessionUserAttributes;
  }
}

/** The session id stored is the SHA-256 of the token in the cookie: a leaked table yields no usable session. */
export const sessionIdOf = (token: string): string => createHash("sha256").update(token).digest("hex");

export type SessionCookie = { name: string; value: string; maxAgeSeconds: number };

/** The one module that knows lucia: create, validate and revoke sessions. */
export class Sessions {
  readonly lucia;

  constructor(database: Database) {
    this.lucia = new Lucia(new TongxinAdapter(database), {
      sessionExpiresIn: new TimeSpan(30, "d"),
      sessionCookie: { name: SESSION_COOKIE, expires: true },
      getUserAttributes: (attributes) => attributes,
    });
  }

  async create(userId: number): Promise<SessionCookie> {
    const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
    const session = await this.lucia.createSession(userId, {}, { sessionId: sessionIdOf(token) });
    return this.cookieFor(token, session.expiresAt);
  }

  /** Validates a cookie token; `refresh` is set when the sliding expiry moved and the cookie must be sent again. */
  async validate(
    token: string,
  ): Promise<{ userId: number; user: SessionUserAttributes; refresh: SessionCookie | null } | null> {
    const { session, user } = await this.lucia.validateSession(sessionIdOf(token));
    if (!session || !user) return null;
    return { userId: session.userId, user, refresh: session.fresh ? this.cookieFor(token, session.expiresAt) : null };
  }

  revoke = (token: string): Promise<void> => this.lucia.invalidateSession(sessionIdOf(token));
  revokeAll = (userId: number): Promise<void> => this.lucia.invalidateUserSessions(userId);

  blank(): SessionCookie {
    return { name: SESSION_COOKIE, value: "", maxAgeSeconds: 0 };
  }

  private cookieFor(token: string, expiresAt: Date): SessionCookie {
    return { name: SESSION_COOKIE, value: token, maxAgeSeconds: Math.floor((expiresAt.getTime() - Date.now()) / 1000) };
  }
}
