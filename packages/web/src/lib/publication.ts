import type { PublicTopicHistory } from "./api";
import { t } from "./i18n";
import { formatDay, lastDayOf } from "./time";

/** A topic's public page, where its printed notices' QR codes lead. */
export const publicTopicPath = (communityId: number | string, topicId: number | string) =>
  `/public-topics/${communityId}/${topicId}`;

/** The notice's period as the public reads it: running since the decision, or from the decision to its end. */
export function noticeText(notice: NonNullable<PublicTopicHistory["notice"]>): string {
  const from = formatDay(notice.from);
  return notice.to
    ? t("publication.noticePeriod", { from, to: formatDay(lastDayOf(notice.to)) })
    : t("publication.noticeRunning", { from });
}
