import { A } from "@solidjs/router";
import { Show, createSignal } from "solid-js";
import { api, type WarningItem, type WarningPlace } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { createPagedList } from "../lib/paged";
import { formatTime } from "../lib/time";
import { warningText } from "../lib/warnings";
import { PagedTable } from "./PagedTable";

/**
 * 预警 of a street, community or grid, open first: each reason, when it was found, a link to where someone acts and
 * 知道了. A page of its own embeds it, and so can the dashboard.
 */
export function WarningsList(props: { place: WarningPlace }) {
  const list = createPagedList(
    () => props.place,
    (place: WarningPlace, cursor?: string) => api.warnings(place, cursor),
  );
  // Acknowledged here since the list loaded: the row shows it without reloading the list.
  const [acknowledged, setAcknowledged] = createSignal<Record<number, string>>({});
  // The refusal is said beside the button pressed (on a phone the top of the list is screens away).
  const [problems, setProblems] = createSignal<Record<number, string>>({});
  const [pending, setPending] = createSignal<number>();
  const acknowledgedAt = (w: WarningItem) => acknowledged()[w.id] ?? w.acknowledgedAt;
  const acknowledge = async (w: WarningItem) => {
    setProblems({ ...problems(), [w.id]: "" });
    setPending(w.id);
    try {
      const done = await api.acknowledgeWarning(w.id);
      setAcknowledged({ ...acknowledged(), [w.id]: done.acknowledgedAt ?? "" });
    } catch (error) {
      setProblems({ ...problems(), [w.id]: errorText(error) });
    } finally {
      setPending(undefined);
    }
  };
  const state = (w: WarningItem) =>
    !w.open ? t("warnings.cleared") : acknowledgedAt(w) ? t("warnings.acknowledged") : t("warnings.open");
  return (
    <PagedTable
      list={list}
      label={t("warnings.title")}
      empty={t("warnings.none")}
      headers={[t("warnings.reason"), t("warnings.opened"), t("warnings.state"), ""]}
      row={(w) => (
        <tr classList={{ muted: !w.open }}>
          <td>{warningText(w)}</td>
          <td>{formatTime(w.openedAt)}</td>
          <td>{state(w)}</td>
          <td class="actions">
            <A class="button" href={w.path}>
              {t("warnings.follow")}
            </A>
            <Show when={w.topicId}>
              {(topicId) => (
                <A class="button" href={`/topics/${topicId()}`}>
                  {t("topics.raisedAs")}
                </A>
              )}
            </Show>
            <Show when={w.open && !acknowledgedAt(w)}>
              <button type="button" disabled={pending() === w.id} onClick={() => void acknowledge(w)}>
                {t("warnings.acknowledge")}
              </button>
            </Show>
            <Show when={problems()[w.id]}>
              {(problem) => (
                <p class="form-error" role="alert">
                  {problem()}
                </p>
              )}
            </Show>
          </td>
        </tr>
      )}
    />
  );
}
