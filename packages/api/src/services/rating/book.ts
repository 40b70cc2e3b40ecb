import { column } from "@tongxin/core";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { CYCLE_STATUS_WORDS, NOMINATION_ROUTE_WORDS, wordOf } from "../book-words";
import { cycleEntries } from "./entries";

type Row = Extract<Awaited<ReturnType<typeof cycleEntries>>, { ok: true }>["items"][number];

const RATING_BOOK: BookSpec<Row> = {
  title: { zh: "评星台账", en: "Star ratings" },
  columns: [
    column("nomination", ["申报编号", "No."], "number", 10, (r) => r.id),
    column("cycle", ["评选", "Cycle"], "text", 24, (r) => r.cycle),
    column("period", ["期间", "Period"], "text", 10, (r) => r.period),
    column("cycleStatus", ["评选阶段", "Phase"], "text", 10, (r, l) => wordOf(CYCLE_STATUS_WORDS, r.cycleStatus, l)),
    column("subject", ["候选对象", "Nominee"], "text", 16, (r) => r.subject),
    column("route", ["申报方式", "Route"], "text", 12, (r, l) => wordOf(NOMINATION_ROUTE_WORDS, r.route, l)),
    column("starsApplied", ["申报星级", "Stars applied for"], "text", 24, (r) => r.starsApplied.join("、")),
    column("votesFor", ["赞成票", "Votes for"], "number", 8, (r) => r.votesFor),
    column("votesAgainst", ["反对票", "Votes against"], "number", 8, (r) => r.votesAgainst),
    column("starsDecided", ["评定星级", "Stars decided"], "text", 24, (r) => r.starsDecided?.join("、") ?? null),
    column("decisionReason", ["评定理由", "Reason"], "text", 30, (r) => r.decisionReason),
    column("decidedAt", ["评定时间", "Decided"], "datetime", 20, (r) => r.decidedAt),
    column("objections", ["异议", "Objections"], "number", 8, (r) => r.objections),
    column("objectionsOpen", ["待答复异议", "Unanswered"], "number", 10, (r) => r.objectionsOpen),
    column("answers", ["异议答复", "Answers"], "text", 40, (r) => r.answers.join("\n")),
  ],
};

/** 评星台账 of a cycle: its nominees with votes, decisions and objections, for the committee and staff running it. */
export async function ratingBook(call: Call, cycleId: number, request: BookRequest) {
  return openBook(
    RATING_BOOK,
    (cursor) => cycleEntries(call, cycleId, { cursor, limit: BOOK_PAGE_ROWS }),
    request,
    call.deps.now(),
  );
}
