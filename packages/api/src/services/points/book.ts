import { column, kindOf, type AccountKey, type ExportLanguage } from "@tongxin/core";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { REDEMPTION_STATUS_WORDS, TRANSFER_KIND_WORDS, TRANSFER_STATE_WORDS, wordOf } from "../book-words";
import { communityLedger, communityRedemptions, type MonthListInput } from "./community-lists";
import { sourceText } from "./sources";

type Transfer = Extract<Awaited<ReturnType<typeof communityLedger>>, { ok: true }>["items"][number];
type Redemption = Extract<Awaited<ReturnType<typeof communityRedemptions>>, { ok: true }>["items"][number];

const ACCOUNT_WORDS = {
  fund: { zh: "社区积分基金", en: "Community fund" },
  store: { zh: "爱心超市", en: "Store" },
  issuance: { zh: "街道积分发行", en: "Street issuance" },
  household: { zh: "家庭", en: "Household" },
} as const;

/** An account as a person reads it: the volunteer's name (masked as the list masks it), a household by number, the fund. */
function accountText(key: string, name: string | null, language: ExportLanguage) {
  const kind = kindOf(key as AccountKey);
  if (kind === "volunteer") return name;
  return kind === "household"
    ? `${ACCOUNT_WORDS.household[language]} ${key.split(":")[1]}`
    : ACCOUNT_WORDS[kind][language];
}

const LEDGER_BOOK: BookSpec<Transfer> = {
  title: { zh: "积分流水台账", en: "Points ledger" },
  columns: [
    column("transfer", ["流水号", "No."], "number", 10, (r) => r.id),
    column("time", ["时间", "Time"], "datetime", 20, (r) => r.at),
    column("kind", ["类型", "Kind"], "text", 14, (r, l) => wordOf(TRANSFER_KIND_WORDS, r.kind, l)),
    column("debit", ["转出方", "From"], "text", 16, (r, l) => accountText(r.debit, r.debitName, l)),
    column("credit", ["转入方", "To"], "text", 16, (r, l) => accountText(r.credit, r.creditName, l)),
    column("amount", ["积分", "Points"], "number", 10, (r) => r.amount),
    column("state", ["状态", "State"], "text", 10, (r, l) => wordOf(TRANSFER_STATE_WORDS, r.state, l)),
    column("reason", ["事由", "Reason"], "text", 24, (r) => r.reason),
    column("source", ["来源", "Source"], "text", 30, (r, l) => sourceText(r.source, l)),
  ],
};

const REDEMPTION_BOOK: BookSpec<Redemption> = {
  title: { zh: "爱心超市兑换台账", en: "Store redemptions" },
  columns: [
    column("redemption", ["兑换号", "No."], "number", 10, (r) => r.id),
    column("reserved", ["预约时间", "Reserved"], "datetime", 20, (r) => r.reservedAt),
    column("volunteer", ["志愿者", "Volunteer"], "text", 12, (r) => r.volunteer),
    column("item", ["物品", "Item"], "text", 20, (r) => r.item),
    column("quantity", ["数量", "Quantity"], "number", 8, (r) => r.quantity),
    column("points", ["积分", "Points"], "number", 10, (r) => r.points),
    column("status", ["状态", "Status"], "text", 10, (r, l) => wordOf(REDEMPTION_STATUS_WORDS, r.status, l)),
    column("settled", ["完成时间", "Settled"], "datetime", 20, (r) => r.settledAt),
  ],
};

/** The month's points ledger (积分流水) or store redemptions of a community as a book, a page of its list at a time. */
export async function pointsBook(
  call: Call,
  kind: "statement" | "redemptions",
  input: Omit<MonthListInput, "cursor" | "limit">,
  request: BookRequest,
) {
  const now = call.deps.now();
  if (kind === "statement")
    return openBook(
      LEDGER_BOOK,
      (cursor) => communityLedger(call, { ...input, cursor, limit: BOOK_PAGE_ROWS }),
      request,
      now,
    );
  return openBook(
    REDEMPTION_BOOK,
    (cursor) => communityRedemptions(call, { ...input, cursor, limit: BOOK_PAGE_ROWS }),
    request,
    now,
  );
}
