import { useSearchParams } from "@solidjs/router";
import { For, Show, createResource } from "solid-js";
import { DELIVERY_STATES, type DeliveryState } from "@tongxin/core";
import { api, outboxApi } from "../lib/api";
import { addPageTexts, t } from "../lib/i18n";
import { zhOutbox } from "../i18n/zh-outbox";
import { createPagedList } from "../lib/paged";
import { communitiesWith, hasRole } from "../lib/session";
import { formatTime } from "../lib/time";
import { SelectField } from "../components/Field";
import { PagedTable } from "../components/PagedTable";

addPageTexts(zhOutbox);

/** 消息送达: SMS and WeChat deliveries to a community's residents, newest first, by state (failed ones to follow up). */
export default function Deliveries() {
  const [search, setSearch] = useSearchParams<{ community?: string; state?: string }>();
  // Street admins choose among every community; community staff among their own.
  const [all] = createResource(() => api.communities());
  const choices = () => {
    const own = new Set(communitiesWith("communityStaff"));
    return (all() ?? []).filter((c) => hasRole("streetAdmin") || own.has(c.id));
  };
  const communityId = () => Number(search.community) || communitiesWith("communityStaff")[0] || choices()[0]?.id;
  const state = () =>
    DELIVERY_STATES.includes(search.state as DeliveryState) ? (search.state as DeliveryState) : undefined;
  const rows = createPagedList(
    () => {
      const id = communityId();
      return id ? { id, state: state() } : false;
    },
    (s: { id: number; state: DeliveryState | undefined }, cursor?: string) =>
      outboxApi.deliveries(s.id, s.state, cursor),
  );
  return (
    <section>
      <h1>{t("deliveries.title")}</h1>
      <p class="muted">{t("deliveries.intro")}</p>
      <div class="toolbar">
        <Show when={choices().length > 1}>
          <SelectField
            label={t("deliveries.community")}
            name="community"
            value={String(communityId() ?? "")}
            onChange={(e) => setSearch({ community: e.currentTarget.value })}
          >
            <For each={choices()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </SelectField>
        </Show>
        <SelectField
          label={t("deliveries.state")}
          name="state"
          value={state() ?? ""}
          onChange={(e) => setSearch({ state: e.currentTarget.value || undefined })}
        >
          <option value="">{t("deliveries.allStates")}</option>
          <For each={DELIVERY_STATES}>{(s) => <option value={s}>{t(`deliveries.states.${s}`)}</option>}</For>
        </SelectField>
      </div>
      <PagedTable
        list={rows}
        label={t("deliveries.title")}
        empty={t("deliveries.none")}
        headers={[
          t("deliveries.when"),
          t("deliveries.kind"),
          t("deliveries.channel"),
          t("deliveries.recipient"),
          t("deliveries.state"),
          t("deliveries.attempts"),
          t("deliveries.lastError"),
        ]}
        row={(d) => (
          <tr>
            <td>{formatTime(d.createdAt)}</td>
            <td>
              {t(`deliveries.kinds.${d.kind as "request_new"}`)}
              <Show when={d.urgent}>
                <div class="muted small-text">{t("deliveries.urgent")}</div>
              </Show>
            </td>
            <td>{t(`deliveries.channels.${d.channel}`)}</td>
            <td>
              {d.recipient.name}
              <div class="muted small-text">{d.recipient.phone}</div>
            </td>
            <td>
              {t(`deliveries.states.${d.state}`)}
              <Show when={d.nextAttemptAt}>
                {(at) => <div class="muted small-text">{t("deliveries.nextAttempt", { time: formatTime(at()) })}</div>}
              </Show>
            </td>
            <td>{d.attempts}</td>
            <td>{d.lastError ?? "—"}</td>
          </tr>
        )}
      />
    </section>
  );
}
