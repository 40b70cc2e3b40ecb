import { t } from "./i18n";
import { listText } from "./punctuation";
import { formatDay, lastDayOf } from "./time";

/** An award as a badge reads: the period, then the full title (五星家庭) or the stars won. */
export const honourLabel = (a: { periodLabel: string; scheme: string; full: boolean; stars: string[] }) =>
  `${a.periodLabel} ${a.full ? a.scheme : listText(a.stars)}`;

/** A notice's period as the board shows it: first day to last day covered, and its working days. */
export const noticePeriod = (n: { noticeStartedAt: string | null; noticeEndsAt: string | null; workingDays: number }) =>
  t("notices.period", {
    from: formatDay(n.noticeStartedAt),
    to: formatDay(lastDayOf(n.noticeEndsAt)),
    n: n.workingDays,
  });
