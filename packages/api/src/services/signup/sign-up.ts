import { createHash } from "node:crypto";
import { and, count, eq, lte } from "drizzle-orm";
import { decideSeat, decideSignup, fail, ok, type SignupContext } from "@tongxin/core";
import type { Db, Tx } from "../../db/client";
import { signups } from "../../db/schema";
import type { Call } from "../call";
import { isConstraintViolation } from "../../db/errors";

type SignupAnswer = { signupId: number; status: "confirmed" | "waitlisted"; position: number | null };

/*
 * Sign-up is the hot path (hundreds of volunteers at once when a popular
 * activity opens), so it is two round trips in plain SQL: one read of every
 * fact the rules need, then a guarded insert — confirmed while
 * `taken < capacity`, waitlisted otherwise — that goes through the group
 * commit with the sign-ups arriving at the same moment. Triggers move the
 * shift's counters and the CHECK (taken <= capacity) refuses an overbooking
 * write, so concurrent sign-ups never overbook. See migration 0002 and
 * docs/decisions/0004-sign-up-hot-path.md.
 */

const OVERLAP = `select 1 from signups x join shifts y on y.id = x.shift_id
  where x.user_id = :user and x.status = 'confirmed' and y.id <> :shift and y.starts_at < :ends and y.ends_at > :starts`;

const FACTS = `
select s.starts_at, s.ends_at, s.signup_deadline, s.waitlist_enabled, a.status, a.visibility, a.team_id,
  (select group_concat(skill_id) from shift_skills where shift_id = s.id) as required_skills,
  v.user_id is not null as has_profile, v.party_status,
  (select group_concat(skill_id) from volunteer_skills where user_id = :user) as skills,
  (select group_concat(team_id) from team_members where user_id = :user and status = 'active') as teams,
  exists (select 1 from signups where shift_id = s.id and user_id = :user and status <> 'cancelled') as already,
  exists (select 1 from signups x join shifts y on y.id = x.shift_id
          where x.user_id = :user and x.status = 'confirmed' and y.id <> s.id and y.starts_at < s.ends_at and y.ends_at > s.starts_at) as overlaps,
  (select request_hash || ' ' || response from idempotency_keys where user_id = :user and key = :key) as earlier
from shifts s join activities a on a.id = s.activity_id left join volunteers v on v.user_id = :user
where s.id = :shift`;

const MINE = `id = last_insert_rowid() and user_id = :user and shift_id = :shift and created_at = :now`;

// RETURNING sees the shift before the counter trigger runs: a newcomer to the waitlist is at its length + 1.
const INSERT = `insert into signups (shift_id, user_id, status, created_at)
  select :shift, :user, case when taken < capacity then 'confirmed' else 'waitlisted' end, :now
  from shifts where id = :shift and (taken < capacity or waitlist_enabled = 1) and not exists (${OVERLAP})
    and not exists (select 1 from signups where shift_id = :shift and user_id = :user and status <> 'cancelled')
  returning id, status, case when status = 'waitlisted' then (select waitlisted + 1 from shifts where id = :shift) end as position`;
const REMEMBER = `insert into idempotency_keys (user_id, key, route, request_hash, status_code, response, created_at)
  select :user, :key, :route, :hash, 201,
    json_object('signupId', id, 'status', status, 'position', case when status = 'waitlisted' then (select waitlisted from shifts where id = :shift) end), :now
  from signups where ${MINE}`;

type FactsRow = {
  starts_at: number;
  ends_at: number;
  signup_deadline: number;
  waitlist_enabled: number;
  status: SignupContext["activity"]["status"];
  visibility: SignupContext["activity"]["visibility"];
  team_id: number | null;
  required_skills: string | null;
  has_profile: number;
  party_status: NonNullable<SignupContext["volunteer"]>["partyStatus"];
  skills: string | null;
  teams: string | null;
  already: number;
  overlaps: number;
  earlier: string | null;
};

const idList = (text: string | null): number[] => (text ? text.split(",").map(Number) : []);

function contextOf(row: FactsRow): SignupContext {
  return {
    activity: {
      status: row.status,
      visibility: row.visibility,
      teamId: row.team_id === null ? null : Number(row.team_id),
    },
    shift: {
      startsAt: Number(row.starts_at),
      signupDeadline: Number(row.signup_deadline),
      requiredSkillIds: idList(row.required_skills),
    },
    volunteer: Number(row.has_profile)
      ? { partyStatus: row.party_status, skillIds: idList(row.skills), teamIds: idList(row.teams) }
      : null,
    alreadySignedUp: Number(row.already) === 1,
    overlapsConfirmed: Number(row.overlaps) === 1,
  };
}

export async function signUp({ deps, actor }: Call, shiftId: number, idempotencyKey?: string) {
  if (!actor) return fail("unauthenticated");
  const now = deps.now();
  const { client } = deps.database;
  const route = `signup:${shiftId}`;
  const hash = createHash("sha256").update(route).digest("hex");
  const key = idempotencyKey ?? "";
  const readFacts = async () =>
    (await client.execute({ sql: FACTS, args: { user: actor.userId, shift: shiftId, key } })).rows[0] as unknown as
      | FactsRow
      | undefined;
  const facts = await readFacts();
  if (!facts) return fail("not_found");
  if (facts.earlier) {
    const [earlierHash, response] = [facts.earlier.slice(0, 64), facts.earlier.slice(65)];
    return earlierHash === hash ? ok(JSON.parse(response) as SignupAnswer) : fail("idempotency_key_reused");
  }
  const decided = decideSignup(contextOf(facts), now);
  if (!decided.ok) return decided;
  const args = {
    user: actor.userId,
    shift: shiftId,
    starts: Number(facts.starts_at),
    ends: Number(facts.ends_at),
    now,
    key,
    route,
    hash,
  };
  const statements = [INSERT, ...(idempotencyKey ? [REMEMBER] : [])].map((sql) => ({ sql, args }));
  const results = await deps.database.groupCommit.submit(statements).catch((error: unknown) => {
    if (isConstraintViolation(error)) return null; // a duplicate or a lost race for the last seat: decide again below
    throw error;
  });
  const row = results?.[0]?.rows[0] as unknown as
    | { id: number; status: "confirmed" | "waitlisted"; position: number | null }
    | undefined;
  if (row)
    return ok({
      signupId: Number(row.id),
      status: row.status,
      position: row.position === null ? null : Number(row.position),
    } satisfies SignupAnswer);
  // Another request changed things between the read and the write: decide again on fresh facts.
  const fresh = await readFacts();
  if (!fresh) return fail("not_found");
  const again = decideSignup(contextOf(fresh), now);
  if (!again.ok) return again;
  const seat = decideSeat(false, Number(fresh.waitlist_enabled) === 1);
  return seat.ok ? fail("signup_race") : seat;
}

export async function waitlistPosition(db: Db | Tx, shiftId: number, signupId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(signups)
    .where(and(eq(signups.shiftId, shiftId), eq(signups.status, "waitlisted"), lte(signups.id, signupId)));
  return row?.n ?? 0;
}
