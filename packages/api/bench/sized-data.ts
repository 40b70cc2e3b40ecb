/**
 * The sized databases of issue 12 (S, M, L), written with set-based SQL on top
 * of the demo street: a recursive CTE counts the rows and each table is one
 * INSERT … SELECT, inside one write transaction, with the schema's own indexes
 * and triggers (so counters and ledger balances stay consistent and
 * verification passes). Community 1 is the big one: half of every table.
 */
import type { Client, Transaction } from "@libsql/client";
import NativeDatabase from "libsql";
import { nameSearchKeys, type Entry } from "@tongxin/core";
import { Sessions } from "../src/auth/session";
import type { Database } from "../src/db/client";
import { GENESIS, entryHash, sealChain } from "../src/services/points/seal";

export type Size = {
  name: "S" | "M" | "L";
  volunteers: number;
  activities: number;
  requests: number;
  ledgerEntries: number;
};

export const SIZES: Record<Size["name"], Size> = {
  S: { name: "S", volunteers: 20_000, activities: 10_000, requests: 10_000, ledgerEntries: 100_000 },
  M: { name: "M", volunteers: 100_000, activities: 100_000, requests: 100_000, ledgerEntries: 1_000_000 },
  L: { name: "L", volunteers: 200_000, activities: 1_000_000, requests: 1_000_000, ledgerEntries: 5_000_000 },
};

/** The signed-in people the list runs read as. */
export type SizedHandles = {
  volunteerCookie: string;
  holderCookie: string;
  /** The topic in community 1 with the most comments. */
  hotTopicId: number;
  /** The household in community 1 with the most care visits. */
  hotHouseholdId: number;
  counts: Record<string, number>;
};

/** A large page cache for the one big transaction: the hash indexes take random pages. */
const CACHE_KIB = -262_144;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const YEAR_MS = 365 * DAY_MS;
const FIRST_PHONE = 15_000_000_000;
/** Volunteers who did most of the finished shifts: they reach the honor roll's star threshold. */
const STAR_VOLUNTEERS = 50;
const BASE_NAMES = ["张三", "张帅", "李明", "王华", "赵四", "周顺"];
const REQUEST_KINDS = [
  ["service", "plumbing"],
  ["service", "haircut"],
  ["wish", "item"],
  ["issue", "environment"],
  ["service", "companionship"],
  ["wish", "companionship"],
  ["issue", "dispute"],
  ["service", "tutoring"],
] as const;

/** `count` rows numbered i = 0 … count − 1. */
const numbers = (count: number) =>
  `with recursive n(i) as (select 0 union all select i + 1 from n where i < ${count - 1})`;
/** Half of everything in community 1, the rest spread over communities 2–5 (as the users' phone numbers say). */
const communityOf = (i: string) => `(case when ${i} % 2 = 0 then 1 else 2 + (${i} / 2) % 4 end)`;
/** A volunteer of community `c`: the inverse of `communityOf` (volunteer counts are multiples of 8). */
const ownerIn = (i: string, c: string, volunteers: number) =>
  `(case when ${c} = 1 then ${i} * 2 % ${volunteers} else 2 * (4 * (${i} % ${volunteers / 8}) + ${c} - 2) + 1 end)`;
const userIndex = (phone: string) => `(cast(${phone} as integer) - ${FIRST_PHONE})`;

async function lookups(tx: Transaction): Promise<void> {
  const names = BASE_NAMES.map((name, k) => {
    const keys = nameSearchKeys(name);
    return `(${k}, '${name}', '${keys.full}', '${keys.initials}')`;
  });
  await tx.executeMultiple(`
    create temp table bench_names (k integer primary key, name text, full text, initials text);
    insert into bench_names values ${names.join(", ")};
    create temp table bench_homes as select community_id, row_number() over (partition by community_id order by id) - 1 as k, id, building_id from households where archived_at is null;
    create index temp.bench_homes_k on bench_homes (community_id, k);
    create temp table bench_home_counts as select community_id, count(*) as n from bench_homes group by community_id;
    create temp table bench_teams as select community_id, min(id) as id from teams group by community_id;`);
}

/** A household has a few members at any size: the rest of the bench's people live in the buildings without a registered household. */
const HOUSEHOLD_MEMBERS_MAX = 3;

async function people(tx: Transaction, size: Size, now: number): Promise<void> {
  await tx.execute(`insert into users (phone, name, password_hash, community_id, building_id, household_id, created_at)
    ${numbers(size.volunteers)}
    select cast(${FIRST_PHONE} + i as text), (select name from bench_names where k = i % 6) || i, 'bench-no-login', c, h.building_id,
      case when i < ${HOUSEHOLD_MEMBERS_MAX * 2} * hc.n then h.id end, ${now} - i * 1000
    from (select i, ${communityOf("i")} as c from n) x
    join bench_home_counts hc on hc.community_id = x.c
    join bench_homes h on h.community_id = x.c and h.k = x.i % hc.n`);
  await tx.execute(`insert into volunteers (user_id, community_id, home_grid_id, public_name_consent, name_full, name_initials, created_at)
    select u.id, u.community_id, b.grid_id, ${userIndex("u.phone")} % 3 = 0, bn.full, bn.initials, u.created_at
    from users u join buildings b on b.id = u.building_id join bench_names bn on bn.k = ${userIndex("u.phone")} % 6
    where u.password_hash = 'bench-no-login'`);
  await tx.execute(`insert into role_grants (user_id, role, scope_kind, scope_id, created_at)
    select u.id, r.role, 'community', u.community_id, u.created_at from users u, (select 'volunteer' as role union all select 'resident') r
    where u.password_hash = 'bench-no-login'`);
}

/** Activities (70% published ahead, 20% finished, the rest draft or cancelled), one shift each; finished shifts carry confirmed hours. */
async function activities(tx: Transaction, size: Size, now: number): Promise<void> {
  const before = await maxId(tx, "activities");
  await tx.execute(`insert into activities (community_id, team_id, organiser_user_id, title, description, category, place, visibility, status, created_at, published_at, ended_at)
    ${numbers(size.activities)}
    select c, (select id from bench_teams where community_id = c), 1, '压测活动' || i, '', 
      (select value from json_each('["environment","health","elderly","education","policy","mediation","safety","culture","other"]') where key = i % 9),
      '社区', 'public', s, ${now} - ${YEAR_MS}, case when s = 'draft' then null else ${now} - ${YEAR_MS} end, case when s = 'finished' then ${now} - (1 + i % 365) * ${DAY_MS} end
    from (select i, ${communityOf("i")} as c, case when i % 20 = 0 then 'draft' when i % 20 = 1 then 'cancelled' when i % 20 < 6 then 'finished' else 'published' end as s from n)`);
  await tx.execute(`insert into shifts (activity_id, community_id, starts_at, ends_at, capacity, signup_deadline, cancel_deadline)
    select id, community_id, t, t + ${2 * HOUR_MS}, 20, t, t - ${HOUR_MS}
    from (select id, community_id, case when status = 'finished' then ended_at - ${2 * HOUR_MS} else ${now + 2 * HOUR_MS} + (id * 7919 % ${60 * 24 * 60}) * 60000 end as t from activities where id > ${before})`);
  // Three confirmed sign-ups per finished shift, the first by one of the star volunteers; then their hours.
  await tx.execute(`insert into signups (shift_id, user_id, status, created_at, attendance)
    select s.id, (select id from users where phone = cast(${FIRST_PHONE} + case when j = 0 then s.id % ${STAR_VOLUNTEERS} else ${STAR_VOLUNTEERS} + (s.id * 3 + j) * 7 % ${size.volunteers - STAR_VOLUNTEERS} end as text)), 'confirmed', s.starts_at - ${DAY_MS}, 'present'
    from shifts s join activities a on a.id = s.activity_id, (select 0 as j union all select 1 union all select 2)
    where a.id > ${before} and a.status = 'finished'`);
  await tx.execute(`insert into service_hours (signup_id, user_id, shift_id, activity_id, team_id, service_date, minutes, default_minutes, confirmed_by, confirmed_at)
    select g.id, g.user_id, s.id, s.activity_id, a.team_id, date(s.starts_at / 1000, 'unixepoch'), 60 + g.id % 8 * 60, 120, 1, s.ends_at
    from signups g join shifts s on s.id = g.shift_id join activities a on a.id = s.activity_id where a.id > ${before} and a.status = 'finished'`);
  // Every volunteer signed up for three shifts ahead (我的任务), spread so no shift fills.
  await tx.executeMultiple(`create temp table bench_open as select row_number() over (order by s.id) - 1 as k, s.id from shifts s join activities a on a.id = s.activity_id where a.id > ${before} and a.status = 'published';
    create index temp.bench_open_k on bench_open (k);`);
  await tx.execute(`insert into signups (shift_id, user_id, status, created_at)
    select o.id, u.id, 'confirmed', ${now} - ${DAY_MS}
    from users u, (select 0 as j union all select 1 union all select 2) js
    join bench_open o on o.k = (${userIndex("u.phone")} * 3 + js.j) % (select count(*) from bench_open)
    where u.password_hash = 'bench-no-login'`);
}

/** Requests over the past year, statuses spread as a live community has them; held ones have a volunteer holder. */
async function requests(tx: Transaction, size: Size, now: number): Promise<void> {
  const kinds = JSON.stringify(REQUEST_KINDS);
  const step = Math.floor(YEAR_MS / size.requests);
  await tx.execute(`insert into requests (community_id, grid_id, building_id, owner_user_id, kind, category, description, status, holder_key, closure, rating, created_at, accepted_at, done_at, closed_at)
    select x.c, b.grid_id, u.building_id, u.id, json_extract('${kinds}', '$[' || (x.i % 8) || '][0]'), json_extract('${kinds}', '$[' || (x.i % 8) || '][1]'), '压测需求' || x.i, x.s,
      case when x.s in ('assigned', 'claimed', 'in_progress', 'done') then 'volunteer:' || (select id from users where phone = cast(${FIRST_PHONE} + x.i * 13 % ${size.volunteers} as text)) end,
      case when x.s = 'closed' then (case when x.i % 3 = 0 then 'unconfirmed' else 'confirmed' end) end,
      case when x.s = 'closed' and x.i % 3 <> 0 then 3 + x.i % 3 end,
      x.t, case when x.s not in ('submitted', 'rejected') then x.t + ${HOUR_MS} end,
      case when x.s in ('done', 'closed') then x.t + ${DAY_MS} end,
      case when x.s in ('closed', 'rejected', 'cancelled') then x.t + ${2 * DAY_MS} end
    from (${numbers(size.requests)} select i, ${now} - ${YEAR_MS} + i * ${step} as t,
            case when i % 20 < 2 then 'submitted' when i % 20 = 2 then 'accepted' when i % 20 = 3 then 'assigned' when i % 20 = 4 then 'claimed'
                 when i % 20 = 5 then 'in_progress' when i % 20 = 6 then 'done' when i % 20 = 7 then 'rejected' when i % 20 = 8 then 'cancelled' else 'closed' end as s,
            ${communityOf("i")} as c from n) x
    join users u on u.phone = cast(${FIRST_PHONE} + ${ownerIn("x.i", "x.c", size.volunteers)} as text)
    join buildings b on b.id = u.building_id`);
}

/**
 * Transfers of a year: the street funds each community, funds pay volunteers
 * (60%), volunteers give back to the fund (30%) and spend at the store (10%),
 * each gift paired with an earlier, larger payment so no balance goes below
 * zero. Answers the last transfer id before them; `sealedEntries` writes their entries.
 */
async function ledger(tx: Transaction, size: Size, now: number): Promise<number> {
  const transfers = Math.floor(size.ledgerEntries / 2);
  const before = await maxId(tx, "ledger_transfers");
  const step = Math.floor(YEAR_MS / transfers);
  const volunteer = (k: string) =>
    `(select id from users where phone = cast(${FIRST_PHONE} + ${k} * 7919 % ${size.volunteers} as text))`;
  const insert = (select: string) =>
    tx.execute(
      `insert into ledger_transfers (debit, credit, amount, state, reason, cause, idempotency_key, two_phase, created_at) ${select}`,
    );
  await insert(
    `select 'issuance:1', 'fund:' || id, 1000000000000, 'posted', '压测发行', null, 'bench-issue-' || id, 0, ${now - YEAR_MS} from communities`,
  );
  const paid = Math.floor(transfers * 0.6);
  await insert(
    `${numbers(paid)} select 'fund:' || ${communityOf(`(k * 7919 % ${size.volunteers})`)}, 'volunteer:' || ${volunteer("k")}, 10 + k % 50, 'posted', '服务积分', null, 'bench-pay-' || k, 0, ${now - YEAR_MS} + k * ${step} from (select i as k from n)`,
  );
  const given = Math.floor(transfers * 0.3);
  await insert(
    `${numbers(given)} select 'volunteer:' || ${volunteer("k")}, 'fund:' || ${communityOf(`(k * 7919 % ${size.volunteers})`)}, 1 + k % 5, 'posted', '转赠', 'donation', 'bench-give-' || k, 0, ${now - YEAR_MS} + (k + ${paid}) * ${step} from (select i as k from n)`,
  );
  const spent = Math.max(1, transfers - paid - given - 5);
  await insert(
    `${numbers(spent)} select 'volunteer:' || ${volunteer("k")}, 'store:' || ${communityOf(`(k * 7919 % ${size.volunteers})`)}, 1, 'posted', '爱心超市兑换', null, 'bench-spend-' || k, 0, ${now - YEAR_MS} + (k + ${paid + given}) * ${step} from (select i as k from n)`,
  );
  return before;
}

const ENTRIES_PER_READ = 10_000;

/**
 * The two entries of every transfer after `before`, in id order, debit first,
 * already chained by the service's own hash: SQL cannot hash, and sealing a
 * million entries by the server's sealer took minutes. Written through the
 * native driver, one prepared insert per entry in one transaction (the
 * client's per-statement work was most of the time); the balance trigger runs
 * on each insert as it does for the service's writes.
 */
function sealedEntries(file: string, before: number): void {
  const native = new NativeDatabase(file);
  try {
    native.exec(`pragma cache_size = ${CACHE_KIB}; begin immediate`);
    const read = native.prepare(
      "select id, debit, credit, amount, created_at from ledger_transfers where id > ? order by id limit ?",
    );
    const insert = native.prepare(
      "insert into ledger_entries (transfer_id, account, amount, created_at, prev_hash, hash) values (?, ?, ?, ?, ?, ?)",
    );
    let prev = String(
      (
        native.prepare("select hash from ledger_entries where hash is not null order by id desc limit 1").get() as
          | { hash?: string }
          | undefined
      )?.hash ?? GENESIS,
    );
    for (let cursor = before; ; ) {
      const rows = read.all(cursor, ENTRIES_PER_READ) as {
        id: number;
        debit: string;
        credit: string;
        amount: number;
        created_at: number;
      }[];
      const last = rows.at(-1);
      if (!last) break;
      for (const r of rows) {
        for (const [account, amount] of [
          [r.debit, -r.amount],
          [r.credit, r.amount],
        ] as const) {
          const hash = entryHash(prev, {
            transferId: r.id,
            account: account as Entry["account"],
            amount,
            createdAt: r.created_at,
          });
          insert.run(r.id, account, amount, r.created_at, prev, hash);
          prev = hash;
        }
      }
      cursor = last.id;
    }
    native.exec("commit");
  } finally {
    native.close();
  }
}

const YIZHENG = ["consult", "propose", "discuss", "review", "resolve", "announce", "implement", "report"];

/**
 * Deliberation, a tenth of the requests in number: topics at every status and step, one hot topic in community 1
 * with comments from half the requests' count of people, Party members' commitments and the committees' meetings.
 */
async function deliberation(tx: Transaction, size: Size, now: number): Promise<number> {
  const topics = size.requests / 10;
  const step = Math.floor(YEAR_MS / topics);
  const steps = JSON.stringify(YIZHENG);
  await tx.execute(`insert into topics (community_id, building_id, proposer_user_id, title, description, status, procedure, step_index, current_step, step_due_at, procedure_steps, support_count, created_at, updated_at)
    select x.c, u.building_id, u.id, '压测议题' || x.i, '压测议题的说明', x.s,
      case when x.s in ('deliberating', 'decided', 'done', 'rejected') then 'yizheng' end,
      case when x.s = 'deliberating' then x.i % 6 when x.s = 'decided' then 6 when x.s in ('done', 'rejected') then 8 end,
      case when x.s = 'deliberating' then json_extract('${steps}', '$[' || (x.i % 6) || ']') when x.s = 'decided' then 'implement' end,
      case when x.s = 'deliberating' and x.i % 6 in (0, 5) then ${now} + ${DAY_MS} end,
      case when x.s in ('deliberating', 'decided', 'done', 'rejected') then '${steps}' end,
      0, x.t, x.t
    from (${numbers(topics)} select i, ${now} - ${YEAR_MS} + i * ${step} as t, ${communityOf("i")} as c,
            case when i % 10 < 3 then 'proposed' when i % 10 < 6 then 'deliberating' when i % 10 = 6 then 'decided'
                 when i % 10 = 7 then 'done' when i % 10 = 8 then 'declined' else 'rejected' end as s from n) x
    join users u on u.phone = cast(${FIRST_PHONE} + ${ownerIn("x.i", "x.c", size.volunteers)} as text)`);
  const hot = Number(
    (await tx.execute("select min(id) as id from topics where community_id = 1 and title like '压测议题%'")).rows[0]
      ?.id,
  );
  await tx.execute(`insert into topic_comments (topic_id, user_id, body, created_at)
    select ${hot}, u.id, '压测意见' || x.i, ${now} - ${DAY_MS} + x.i
    from (${numbers(size.requests / 2)} select i from n) x
    join users u on u.phone = cast(${FIRST_PHONE} + ${ownerIn("x.i", "1", size.volunteers)} as text)`);
  await tx.execute(`insert into commitments (community_id, committer_kind, committer_user_id, what, due_on, state, outcome_reason, created_by, created_at)
    select x.c, 'member', u.id, '压测承诺' || x.i, date(x.t / 1000 + 90 * 86400, 'unixepoch'),
      case x.i % 4 when 0 then 'kept' when 1 then 'notKept' else 'open' end,
      case when x.i % 4 = 1 then '未按期完成' end, u.id, x.t
    from (${numbers(topics)} select i, ${now} - ${YEAR_MS} + i * ${step} as t, ${communityOf("i")} as c from n) x
    join users u on u.phone = cast(${FIRST_PHONE} + ${ownerIn("x.i", "x.c", size.volunteers)} as text)`);
  await tx.execute(`insert into meetings (community_id, body, title, place, starts_at, status, created_by, created_at, closed_at)
    select x.c, 'twoCommittees', '压测两委会议' || x.i, '社区会议室', x.t, case when x.t < ${now} then 'closed' else 'planned' end,
      (select id from users where phone = '13800000002'), x.t - ${DAY_MS}, case when x.t < ${now} then x.t + ${HOUR_MS} end
    from (${numbers(topics / 5)} select i, ${now} - ${YEAR_MS} + i * ${step * 5} + ${30 * DAY_MS} as t, ${communityOf("i")} as c from n) x`);
  return hot;
}

/**
 * 民情账 (issue 15): a care profile on every household the demo has (those the demo seeded keep theirs), weekly to
 * monthly; volunteers' visits a tenth of
 * the requests in number, one in four on community 1's first household (the hot one), half waiting for confirmation.
 */
async function care(tx: Transaction, size: Size, now: number): Promise<number> {
  const staff = "(select id from users where phone = '13800000002')";
  await tx.execute(`insert or ignore into care_profiles (household_id, community_id, grid_id, level, needs, since_on, consent_by, consent_by_name, consent_at, created_by, created_at, updated_at)
    select h.id, h.community_id, b.grid_id, case h.id % 3 when 0 then 'weekly' when 1 then 'fortnightly' else 'monthly' end,
      '压测关爱需求', date(${now} / 1000 - 400 * 86400, 'unixepoch'), 'self', '压测', ${now} - ${YEAR_MS}, ${staff}, ${now} - ${YEAR_MS}, ${now} - ${YEAR_MS}
    from bench_homes h join buildings b on b.id = h.building_id`);
  await tx.execute(`insert or ignore into care_profile_categories (household_id, grid_id, category)
    select household_id, grid_id, case household_id % 4 when 0 then 'livingAlone' when 1 then 'emptyNest' when 2 then 'disability' else 'hardshipFamily' end
    from care_profiles`);
  const hot = Number((await tx.execute("select min(id) as id from bench_homes where community_id = 1")).rows[0]?.id);
  const visits = size.requests / 10;
  await tx.execute(`insert into care_visits (community_id, grid_id, household_id, visitor_user_id, by_volunteer, visited_on, mode, wellbeing, needs, created_at, confirmed_at, confirmed_by, hours_minutes)
    select p.community_id, p.grid_id, p.household_id, u.id, 1, date(x.t / 1000, 'unixepoch'), 'inPerson', 'good', '压测走访', x.t,
      case when x.i % 2 = 0 then x.t + ${DAY_MS} end, case when x.i % 2 = 0 then ${staff} end, case when x.i % 2 = 0 then 30 end
    from (${numbers(visits)} select i, ${now} - ${YEAR_MS} + i * ${Math.floor(YEAR_MS / visits)} as t, ${communityOf("i")} as c from n) x
    join bench_home_counts hc on hc.community_id = x.c
    join bench_homes h on h.community_id = x.c and h.k = case when x.c = 1 and x.i % 8 = 0 then 0 else x.i % hc.n end
    join care_profiles p on p.household_id = h.id
    join users u on u.phone = cast(${FIRST_PHONE} + ${ownerIn("x.i", "x.c", size.volunteers)} as text)`);
  return hot;
}

async function notifications(tx: Transaction, now: number): Promise<void> {
  await tx.execute(`insert into notifications (user_id, kind, payload, created_at, read_at)
    select u.id, 'points_donated', json_object('amount', 5, 'message', '', 'path', '/me/points'), ${now} - j * ${DAY_MS}, case when j > 0 then ${now} end
    from users u, (select 0 as j union all select 1 union all select 2) where u.password_hash = 'bench-no-login'`);
}

const maxId = async (tx: Transaction, table: string) =>
  Number((await tx.execute(`select coalesce(max(id), 0) as m from ${table}`)).rows[0]?.m ?? 0);

async function count(client: Client, table: string): Promise<number> {
  return Number((await client.execute(`select count(*) as n from ${table}`)).rows[0]?.n ?? 0);
}

async function sessionFor(database: Database, userId: number): Promise<string> {
  const cookie = await new Sessions(database).create(userId);
  return `${cookie.name}=${cookie.value}`;
}

/** Fills a migrated, demo-seeded database to `size`; answers the sessions the list runs use. */
export async function buildSized(database: Database, file: string, size: Size, now: number): Promise<SizedHandles> {
  const { client } = database;
  await sealChain(client); // the demo's entries first: ours chain on from its head
  let transfersBefore = 0;
  let hotTopicId = 0;
  let hotHouseholdId = 0;
  const tx = await client.transaction("write");
  try {
    await tx.execute(`pragma cache_size = ${CACHE_KIB}`);
    await lookups(tx);
    await people(tx, size, now);
    await activities(tx, size, now);
    await requests(tx, size, now);
    transfersBefore = await ledger(tx, size, now);
    await notifications(tx, now);
    hotTopicId = await deliberation(tx, size, now);
    hotHouseholdId = await care(tx, size, now);
    await tx.commit();
  } finally {
    tx.close();
  }
  sealedEntries(file, transfersBefore);
  const typical = Number((await client.execute(`select id from users where phone = '${FIRST_PHONE}'`)).rows[0]?.id);
  const holder = String(
    (
      await client.execute(
        "select holder_key from requests where holder_key like 'volunteer:%' group by holder_key order by count(*) desc limit 1",
      )
    ).rows[0]?.holder_key,
  );
  const counts: Record<string, number> = {};
  for (const table of [
    "users",
    "activities",
    "signups",
    "service_hours",
    "requests",
    "ledger_entries",
    "notifications",
    "topics",
    "topic_comments",
    "commitments",
    "meetings",
    "care_profiles",
    "care_visits",
  ])
    counts[table] = await count(client, table);
  return {
    volunteerCookie: await sessionFor(database, typical),
    holderCookie: await sessionFor(database, Number(holder.split(":")[1])),
    hotTopicId,
    hotHouseholdId,
    counts,
  };
}
