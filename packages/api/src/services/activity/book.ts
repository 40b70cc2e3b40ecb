import { column } from "@tongxin/core";
import type { Call } from "../call";
import { BOOK_PAGE_ROWS, openBook, type BookRequest, type BookSpec } from "../book";
import { ACTIVITY_CATEGORY_WORDS, ACTIVITY_STATUS_WORDS, wordOf } from "../book-words";
import { communityShifts, type ShiftListInput } from "./shifts";

type Row = Extract<Awaited<ReturnType<typeof communityShifts>>, { ok: true }>["items"][number];

const ACTIVITY_BOOK: BookSpec<Row> = {
  title: { zh: "志愿活动台账", en: "Activities" },
  columns: [
    column("activity", ["活动编号", "Activity no."], "number", 10, (r) => r.activityId),
    column("title", ["活动名称", "Activity"], "text", 30, (r) => r.title),
    column("category", ["类别", "Category"], "text", 12, (r, l) => wordOf(ACTIVITY_CATEGORY_WORDS, r.category, l)),
    column("status", ["状态", "Status"], "text", 10, (r, l) => wordOf(ACTIVITY_STATUS_WORDS, r.status, l)),
    column("team", ["组织队伍", "Team"], "text", 20, (r) => r.team),
    column("place", ["地点", "Place"], "text", 20, (r) => r.place),
    column("shift", ["班次编号", "Shift no."], "number", 10, (r) => r.id),
    column("starts", ["开始时间", "Starts"], "datetime", 20, (r) => r.startsAt),
    column("ends", ["结束时间", "Ends"], "datetime", 20, (r) => r.endsAt),
    column("capacity", ["名额", "Places"], "number", 8, (r) => r.capacity),
    column("taken", ["已报名", "Signed up"], "number", 8, (r) => r.taken),
    column("waitlisted", ["候补", "Waitlisted"], "number", 8, (r) => r.waitlisted),
    column("present", ["到场", "Present"], "number", 8, (r) => r.present),
    column("noShows", ["缺席", "No-shows"], "number", 8, (r) => r.noShows),
    column("hours", ["确认服务时长（小时）", "Hours confirmed"], "number", 14, (r) => r.hours),
  ],
};

/** 志愿活动台账: the staff list of the community's shifts with its filters (period, status), every page of it. */
export async function activitiesBook(
  call: Call,
  input: Omit<ShiftListInput, "cursor" | "limit">,
  request: BookRequest,
) {
  return openBook(
    ACTIVITY_BOOK,
    (cursor) => communityShifts(call, { ...input, cursor, limit: BOOK_PAGE_ROWS }),
    request,
    call.deps.now(),
  );
}
