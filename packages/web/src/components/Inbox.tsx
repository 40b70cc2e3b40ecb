import { A } from "@solidjs/router";
import { For, Show, createSignal, onMount } from "solid-js";
import type { Message } from "@tongxin/core";
import { requestsApi, volunteering } from "../lib/api";
import { t } from "../lib/i18n";
import { messageLink, messageText } from "../lib/messages";
import { formatTime } from "../lib/time";

type Item = Awaited<ReturnType<typeof volunteering.notifications>>["items"][number];

function MessageItem(props: { item: Item }) {
  const message = () => props.item as Message;
  return (
    <li class="message" data-kind={props.item.kind} classList={{ "is-unread": !props.item.read }}>
      <p class="message-text">{messageText(message())}</p>
      <p class="message-time">
        <time datetime={props.item.createdAt}>{formatTime(props.item.createdAt)}</time>
      </p>
      <Show when={messageLink(message())}>
        {(link) => (
          <A class="button" href={link().href}>
            {link().label}
          </A>
        )}
      </Show>
    </li>
  );
}

/**
 * 我的消息: unread messages first (with their count), then read ones, a page
 * at a time. Only the messages shown are marked read, so one that arrives
 * meanwhile is never lost; those read now stay under 未读 until the next visit.
 */
export function Inbox() {
  const [items, setItems] = createSignal<Item[]>([]);
  const [unread, setUnread] = createSignal(0);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [state, setState] = createSignal<"loading" | "ready" | "error">("loading");
  const load = async (from?: string) => {
    setState("loading");
    try {
      const page = await volunteering.notifications(from);
      if (!from) setUnread(page.unread);
      // A message read between two pages comes again among the read ones: it is shown once.
      const known = new Set((from ? items() : []).map((i) => i.id));
      setItems([...(from ? items() : []), ...page.items.filter((i) => !known.has(i.id))]);
      setCursor(page.nextCursor);
      setState("ready");
      const shown = page.items.filter((i) => !i.read).map((i) => i.id);
      // If this fails they stay unread and come again next time.
      if (shown.length > 0) await requestsApi.markRead(shown).catch(() => undefined);
    } catch {
      setState("error");
    }
  };
  onMount(() => void load());
  const group = (read: boolean) => items().filter((i) => i.read === read);
  return (
    <article class="card inbox" aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t("notes.title")}</h2>
      <Show when={state() === "error"}>
        <p class="form-error" role="alert">
          {t("notes.loadError")}
        </p>
        <button type="button" onClick={() => void load(items().length > 0 ? (cursor() ?? undefined) : undefined)}>
          {t("notes.retry")}
        </button>
      </Show>
      <Show when={state() === "ready" && items().length === 0}>
        <p class="muted">{t("notes.empty")}</p>
      </Show>
      <Show when={group(false).length > 0}>
        <h3>{t("notes.unreadGroup", { n: unread() })}</h3>
        <ul class="plain messages" aria-label={t("notes.unreadGroup", { n: unread() })}>
          <For each={group(false)}>{(item) => <MessageItem item={item} />}</For>
        </ul>
      </Show>
      <Show when={group(true).length > 0}>
        <h3>{t("notes.readGroup")}</h3>
        <ul class="plain messages" aria-label={t("notes.readGroup")}>
          <For each={group(true)}>{(item) => <MessageItem item={item} />}</For>
        </ul>
      </Show>
      <Show when={state() === "ready" && cursor()}>
        {(from) => (
          <button type="button" onClick={() => void load(from())}>
            {t("notes.more")}
          </button>
        )}
      </Show>
    </article>
  );
}
