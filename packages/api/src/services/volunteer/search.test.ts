import { nameSearchKeys } from "@tongxin/core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, testApp, type TestApp } from "../../../test/harness";
import { users, volunteers } from "../../db/schema";

/*
 * The pinyin search is a range on the stored keys (`>= 'zs' and < 'zt'`), not
 * LIKE 'zs%': it must find exactly whom the prefix match found, including at
 * the end of the alphabet and for names that are not Chinese.
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

/** What LIKE 'q%' found: stored keys are lower-case, and the search lower-cases the query. */
const likeBefore = (q: string, rows: { userId: number; nameFull: string; nameInitials: string }[]) =>
  rows
    .filter((r) => r.nameInitials.startsWith(q) || r.nameFull.startsWith(q))
    .map((r) => r.userId)
    .sort((a, b) => a - b);

describe("the pinyin search as a range on the name keys", () => {
  let t: TestApp;
  // Every volunteer of community 1: the demo street's and these.
  let everyone: { userId: number; nameFull: string; nameInitials: string }[];

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

  async function searchAll(q: string): Promise<number[]> {
    const staff = await t.agent().login(DEMO.communityStaff);
    const found: number[] = [];
    for (let cursor = ""; ; ) {
      const page = await staff.get(`/api/volunteers?communityId=1&limit=2&q=${q}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      found.push(...page.json.items.map((v: { id: number }) => v.id));
      if (!page.json.nextCursor) return found;
      cursor = page.json.nextCursor;
    }
  }

  it.each(["zs", "z", "zh", "zhang", "zz", "zzz", "zo", "ZS", "wsy", "w", "a", "y", "oy", "lb", "lv", "lu", "q"])(
    "%s finds the people the prefix match found, in id order across pages",
    async (q) => {
      const expected = likeBefore(q.toLowerCase(), everyone);
      const found = await searchAll(q);
      expect(found).toEqual(expected);
      if (q === "z") expect(found.length).toBeGreaterThanOrEqual(8);
    },
  );
});
