import { nameSearchKeys } from "@tongxin/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../../test/harness";
import { users, volunteers } from "../../db/schema";

/*
 * The pinyin search is a range on the stored keys (`>= 'zs' and < 'zt'`), not
 * LIKE 'zs%': it must find exactly whom the prefix match found, including at
 * the end of the alphabet and for names that are not Chinese. Pages follow the
 * keys, so each is one walk along an index (see search.ts).
 */

const NAMES = [
  "张三",
  "张珊珊",
  "赵四",
  "周子轩",
  "邹",
  "朱自清",
  "左宗棠",
  "郑桂兰",
  "王小明",
  "吴思远",
  "Zoë Wang",
  "zz top",
  "Yuki",
  "欧阳娜娜",
  "吕布",
];

type Keys = { userId: number; nameFull: string; nameInitials: string };

/**
 * The reference: whom LIKE 'q%' on either key found (stored keys are lower-case, and the search lower-cases
 * the query), in the order of the keys — initials matches by (initials, id), then the rest by (full pinyin, id).
 */
const likeBefore = (q: string, rows: Keys[]) => {
  const byKey = (key: (r: Keys) => string) => (a: Keys, b: Keys) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.userId - b.userId;
  const initials = rows.filter((r) => r.nameInitials.startsWith(q)).sort(byKey((r) => r.nameInitials));
  const full = rows
    .filter((r) => r.nameFull.startsWith(q) && !r.nameInitials.startsWith(q))
    .sort(byKey((r) => r.nameFull));
  return [...initials, ...full].map((r) => r.userId);
};

describe("the pinyin search as a range on the name keys", () => {
  let t: TestApp;
  // Every volunteer of community 1: the demo street's and these.
  let everyone: Keys[];

  beforeAll(async () => {
    t = await testApp();
    for (const [i, name] of NAMES.entries()) {
      const [user] = await t.database.db
        .insert(users)
        .values({
          phone: `1597777${String(i).padStart(4, "0")}`,
          name,
          passwordHash: "-",
          communityId: 1,
          createdAt: t.clock.ms,
        })
        .returning({ id: users.id });
      if (!user) throw new Error("no user");
      await t.database.db.insert(volunteers).values({
        userId: user.id,
        communityId: 1,
        nameFull: nameSearchKeys(name).full,
        nameInitials: nameSearchKeys(name).initials,
        createdAt: t.clock.ms,
      });
    }
    everyone = await t.database.db
      .select({ userId: volunteers.userId, nameFull: volunteers.nameFull, nameInitials: volunteers.nameInitials })
      .from(volunteers)
      .where(eq(volunteers.communityId, 1));
  });
  afterAll(() => t.cleanup());

  async function searchAll(q: string, limit = 2): Promise<number[]> {
    const staff = await t.agent().login(DEMO.communityStaff);
    const found: number[] = [];
    for (let cursor = ""; ; ) {
      const page = await staff.get(
        `/api/volunteers?communityId=1&limit=${limit}&q=${q}${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(page.status).toBe(200);
      found.push(...page.json.items.map((v: { id: number }) => v.id));
      if (!page.json.nextCursor) return found;
      cursor = page.json.nextCursor;
    }
  }

  it.each(["zs", "z", "zh", "zhang", "zz", "zzz", "zo", "ZS", "wsy", "w", "a", "y", "oy", "lb", "lv", "lu", "q"])(
    "%s finds the people the prefix match found, once each, in the order of their name keys across pages",
    async (q) => {
      const expected = likeBefore(q.toLowerCase(), everyone);
      const found = await searchAll(q);
      expect(found).toEqual(expected);
      if (q === "z") expect(found.length).toBeGreaterThanOrEqual(8);
    },
  );

  it.each([1, 3, 100])(
    "zh reads the same with %i per page, across the turn from initials to full pinyin",
    async (limit) => {
      expect(await searchAll("zh", limit)).toEqual(likeBefore("zh", everyone));
    },
  );

  it("refuses a cursor it did not hand out for this search: an id list's, or an altered one", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const idCursor = (await staff.get("/api/volunteers?communityId=1&limit=1")).json.nextCursor;
    const keyCursor = (await staff.get("/api/volunteers?communityId=1&limit=1&q=z")).json.nextCursor;
    const made = (q: string, value: unknown) => ({
      q,
      cursor: Buffer.from(JSON.stringify(value)).toString("base64url"),
    });
    for (const { q, cursor } of [
      { q: "z", cursor: idCursor },
      made("z", [3, "z", 1]),
      made("z", [2, "zzz", 1]), // one letter has no second phase
      made("zh", [1, "zz", 1]), // a key the query does not start
      made("z", [1, "z", -1]),
      made("zhang", [1, "zh", 1]), // a shorter search's cursor
    ]) {
      const res = await staff.get(`/api/volunteers?communityId=1&q=${q}&cursor=${cursor}`);
      expect([q, res.status, res.json.error?.issues?.[0]?.path]).toEqual([q, 400, "cursor"]);
    }
    expect((await staff.get(`/api/volunteers?communityId=1&cursor=${keyCursor}`)).status).toBe(400);
  });

  it("answers the same fields for a pinyin search as for the plain list", async () => {
    const staff = await t.agent().login(DEMO.communityStaff);
    const fields = async (path: string) => Object.keys((await staff.get(path)).json.items[0]).sort();
    const plain = await fields("/api/volunteers?communityId=1&limit=1");
    expect(await fields("/api/volunteers?communityId=1&limit=1&q=z")).toEqual(plain);
    expect(await fields("/api/volunteers?communityId=1&limit=100&q=zhang")).toEqual(plain);
  });
});
