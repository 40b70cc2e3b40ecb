import { Show } from "solid-js";
import { zhPages } from "../i18n/zh-pages";
import { addPageTexts, t } from "../lib/i18n";
import { savedAt } from "../lib/offline";
import { formatTime } from "../lib/time";

addPageTexts(zhPages);

/** The oldest time among these paths' answers on screen that came from the phone, not the network; else undefined. */
function seenOfflineAt(paths: string[]): number | undefined {
  const times = paths.map((path) => savedAt()[path] ?? 0).filter((ms) => ms > 0);
  return times.length > 0 ? Math.min(...times) : undefined;
}

/** 离线：显示的是上次看到的内容（时间）, on a page whose answers (API paths) came from the phone's store. */
export function OfflineNotice(props: { paths: string[] }) {
  return (
    <Show when={seenOfflineAt(props.paths)}>
      {(at) => (
        <p class="card notice" role="status">
          {t("offline.seen", { time: formatTime(new Date(at()).toISOString()) })}
        </p>
      )}
    </Show>
  );
}
