import { describe, expect, it } from "vitest";
import { summarise, type SummaryTransfer } from "./points-summary";

const t = (
  debit: SummaryTransfer["debit"],
  credit: SummaryTransfer["credit"],
  amount: number,
  cause: string | null,
  state: SummaryTransfer["state"] = "posted",
): SummaryTransfer => ({ debit, credit, amount, cause, state });

describe("the monthly summary", () => {
  it("sorts a community's transfers into issued, earned, reversed, redeemed, reserved, donated and expired", () => {
    const month = [
      t("issuance:1", "fund:1", 1000, null),
      t("fund:1", "volunteer:5", 30, "earning:1"),
      t("fund:1", "volunteer:6", 20, "earning:2"),
      t("volunteer:5", "fund:1", 10, "earning:1"),
      t("volunteer:5", "store:1", 15, "redemption:1"),
      t("volunteer:6", "store:1", 12, "redemption:2", "pending"),
      t("volunteer:6", "store:1", 8, "redemption:3", "voided"),
      t("volunteer:5", "household:4", 5, "donation"),
      t("volunteer:6", "fund:1", 7, "donation"),
      t("volunteer:6", "fund:1", 99, "donation", "voided"),
    ];
    expect(summarise(month)).toEqual({
      issued: 1000,
      earned: 50,
      reversed: 10,
      redeemed: 15,
      reserved: 12,
      donated: 12,
      expired: 8,
    });
  });
});
