import { For, Show, createResource, createSignal } from "solid-js";
import { CHANNELS, type Channel } from "@tongxin/core";
import { outboxApi } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhOutbox } from "../i18n/zh-outbox";
import { FormError } from "./Field";
import "./channels.css";

addPageTexts(zhOutbox);

type Choices = Record<Channel, boolean>;

/**
 * 短信和微信提醒: one big switch per channel, saved as soon as it is flipped (no form to forget to send), and
 * 全部退订. Everything is off until the person turns it on.
 */
export function Channels() {
  const [choices, { mutate }] = createResource(outboxApi.channels);
  const [status, setStatus] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function save(next: Choices, done: string) {
    setBusy(true);
    setError(null);
    setStatus("");
    try {
      mutate(await outboxApi.saveChannels(next));
      setStatus(done);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card narrow wide" aria-labelledby="channels-title">
      <h2 id="channels-title">{t("channels.title")}</h2>
      <p class="muted">{t("channels.intro")}</p>
      <Show when={choices.error}>
        <p class="form-error">{errorText(choices.error)}</p>
      </Show>
      <Show when={choices()}>
        {(current) => (
          <>
            <For each={CHANNELS}>
              {(channel) => (
                <label class="check toggle">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={current()[channel]}
                    disabled={busy()}
                    aria-describedby={`channel-${channel}-hint`}
                    onChange={(e) =>
                      void save({ ...current(), [channel]: e.currentTarget.checked }, t("channels.saved"))
                    }
                  />
                  <span>
                    {t(`channels.${channel}`)}
                    <strong class="toggle-state">{t(current()[channel] ? "channels.on" : "channels.off")}</strong>
                    <small class="hint" id={`channel-${channel}-hint`}>
                      {t(`channels.${channel}Hint`)}
                    </small>
                  </span>
                </label>
              )}
            </For>
            <FormError message={error()} />
            <p class="notice" role="status">
              {status()}
            </p>
            <Show when={CHANNELS.some((c) => current()[c])}>
              <button
                type="button"
                disabled={busy()}
                onClick={() => void save({ sms: false, wechat: false }, t("channels.unsubscribed"))}
              >
                {t("channels.unsubscribe")}
              </button>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
