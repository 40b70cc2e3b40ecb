import { useSearchParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { api } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { communitiesWith, hasRole, streetIds } from "../lib/session";

type Entry = Awaited<ReturnType<typeof api.audit>>["items"][number];

/** Staff changes, newest first: a street admin sees the whole street's. */
export default function Audit() {
  const [params] = useSearchParams<{ community?: string }>();
  const scope = () => {
    const communityId = Number(params.community) || communitiesWith("communityStaff")[0];
    if (communityId) return { communityId };
    return hasRole("streetAdmin") ? { streetId: streetIds()[0]! } : false;
  };
  const [more, setMore] = createSignal<Entry[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [first] = createResource(scope, async (s) => {
    const page = await api.audit(s);
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  });
  const loadMore = async () => {
    const s = scope();
    const from = cursor();
    if (!s || !from) return;
    const page = await api.audit({ ...s, cursor: from });
    setMore([...more(), ...page.items]);
    setCursor(page.nextCursor);
  };
  const summary = (value: unknown) => (value === null || value === undefined ? "—" : JSON.stringify(value));
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <Show when={first.error}>
        <p class="form-error">{errorText(first.error)}</p>
      </Show>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("audit.when")}</th>
              <th>{t("audit.who")}</th>
              <th>{t("audit.what")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={[...(first() ?? []), ...more()]}>
              {(entry) => (
                <tr>
                  <td>{entry.createdAt.slice(0, 16).replace("T", " ")}</td>
                  <td>{entry.actorName ?? "—"}</td>
                  <td>
                    <code>{entry.action}</code> #{entry.entityId}
                    <div class="muted small-text">
                      {summary(entry.before)} → {summary(entry.after)}
                    </div>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={cursor()}>
        <button type="button" onClick={loadMore}>
          {t("audit.more")}
        </button>
      </Show>
    </section>
  );
}
