import { A } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { pointsApi, type MyPoints } from "../lib/api";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { createForm, formValues } from "../lib/form";
import { formatDay, formatTime, todayInShanghai } from "../lib/time";
import { Field, FormError } from "../components/Field";
import { OfflineNotice } from "../components/OfflineNotice";
import { PickupCode } from "../components/PickupCode";

addPageTexts(zhPages);

/** 我的积分: balance, what is reserved, owed or waiting, redemptions with their pickup codes, the month's statement, and donation. */
type Entry = MyPoints["entries"][number];

/** What a statement line was for: the activity and its date, the request, the item, or the other side of a gift. */
function sourceText(e: Entry): string {
  const s = e.source;
  if (!s) return "";
  if (s.kind === "hours")
    return t("points.sources.hours", { activity: s.activity, date: formatDay(`${s.date}T12:00:00+08:00`) });
  if (s.kind === "request")
    return t("points.sources.request", { category: t(`requestCategories.${s.category as "other"}`), id: s.requestId });
  if (s.kind === "redemption") return t("points.sources.redemption", { item: s.item, n: s.quantity });
  const name = s.fund ? t("points.sources.fund") : s.name;
  return t(s.to ? "points.sources.donationTo" : "points.sources.donationFrom", { name });
}

export default function Points() {
  const [month, setMonth] = createSignal(todayInShanghai().slice(0, 7));
  const [mine, { refetch }] = createResource(month, (m) => pointsApi.mine(m));
  return (
    <section>
      <h1>{t("points.title")}</h1>
      <OfflineNotice paths={["/api/me/points"]} />
      <Show when={mine.error}>
        <p class="form-error">{errorText(mine.error)}</p>
      </Show>
      <Show when={mine()}>
        {(p) => (
          <>
            <div class="card">
              <p class="muted">{t("points.available")}</p>
              <p class="balance" data-testid="balance">
                {p().available}
              </p>
              <Show when={p().reserved > 0}>
                <p>{t("points.reserved", { n: p().reserved })}</p>
              </Show>
              <Show when={p().waiting > 0}>
                <p class="notice">{t("points.waiting", { n: p().waiting })}</p>
              </Show>
              <Show when={p().owed > 0}>
                <p class="form-error">{t("points.owed", { n: p().owed })}</p>
              </Show>
              <Show when={p().household}>
                {(h) => <p class="muted">{t("points.household", { n: h().available })}</p>}
              </Show>
              <Show when={p().communityId}>
                {(communityId) => (
                  <A class="button" href={`/store/${communityId()}`}>
                    {t("points.store")}
                  </A>
                )}
              </Show>
            </div>
            <Show when={p().redemptions.length > 0}>
              <h2>{t("points.redemptions")}</h2>
              <ul class="plain" aria-label={t("points.redemptions")}>
                <For each={p().redemptions}>
                  {(r) => (
                    <li class="card" data-status={r.status}>
                      <div class="row">
                        <strong>
                          {r.item} × {r.quantity}
                        </strong>
                        <span>{t("store.price", { n: r.points })}</span>
                        <span class="badge" classList={{ ok: r.status === "collected", muted: r.status === "expired" }}>
                          {t(`points.status.${r.status}`)}
                        </span>
                      </div>
                      <Show when={r.code}>
                        {(code) => (
                          <>
                            <PickupCode code={code()} communityId={p().communityId ?? 0} />
                            <p class="muted">
                              {t("points.showCode")} · {t("points.until", { time: formatTime(r.expiresAt) })}
                            </p>
                          </>
                        )}
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <h2>{t("points.statement")}</h2>
            <Field
              label={t("points.month")}
              name="month"
              type="month"
              value={month()}
              onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
            />
            <Show when={p().entries.length > 0} fallback={<p class="muted">{t("points.none")}</p>}>
              <ul class="plain statement" aria-label={t("points.statement")}>
                <For each={p().entries}>
                  {(e) => (
                    <li class="row statement-line">
                      <span class="muted">{formatTime(e.at)}</span>
                      <span>{t(`points.kinds.${e.kind}`)}</span>
                      <span class="muted" data-testid="entry-source">
                        {sourceText(e) || (e.kind === "earning" ? "" : e.reason)}
                      </span>
                      <strong classList={{ plus: e.amount > 0, minus: e.amount < 0 }}>
                        {e.amount > 0 ? `+${e.amount}` : e.amount}
                      </strong>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Donate available={p().available} onDone={refetch} />
          </>
        )}
      </Show>
    </section>
  );
}

/** 转赠: to the community fund, or to a household named by a member's phone; the answer names the receiver masked. */
function Donate(props: { available: number; onDone: () => void }) {
  const [to, setTo] = createSignal<"fund" | "household">("fund");
  const [done, setDone] = createSignal("");
  const form = createForm();
  let key = crypto.randomUUID();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const values = formValues(element);
    setDone("");
    await form.submit(async () => {
      const target = to() === "fund" ? ("fund" as const) : { phone: values.phone ?? "" };
      const answer = await pointsApi.donate(
        { to: target, amount: Number(values.amount), message: values.message ?? "" },
        key,
      );
      key = crypto.randomUUID(); // a retry of the same tap keeps its key; a new gift gets a new one
      setDone(
        `${t("donate.done", { amount: Number(values.amount) })}${answer.receiver ? ` ${t("donate.toWhom", { name: answer.receiver })}` : ""}`,
      );
      element.reset();
      props.onDone();
    });
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="donate-title">
      <h2 id="donate-title">{t("donate.title")}</h2>
      <fieldset class="row">
        <label>
          <input type="radio" name="to" checked={to() === "fund"} onChange={() => setTo("fund")} /> {t("donate.toFund")}
        </label>
        <label>
          <input type="radio" name="to" checked={to() === "household"} onChange={() => setTo("household")} />{" "}
          {t("donate.toHousehold")}
        </label>
      </fieldset>
      <Show when={to() === "household"}>
        <Field
          label={t("donate.phone")}
          name="phone"
          inputmode="tel"
          autocomplete="off"
          required
          error={form.error("to.phone")}
        />
      </Show>
      <Field
        label={t("donate.amount")}
        name="amount"
        type="number"
        min="1"
        max={String(Math.max(1, props.available))}
        required
        error={form.error("amount")}
      />
      <Field label={t("donate.message")} name="message" maxLength={100} error={form.error("message")} />
      <FormError message={form.formError()} />
      <p class="notice" role="status">
        {done()}
      </p>
      <button type="submit" disabled={form.busy()}>
        {t("donate.submit")}
      </button>
    </form>
  );
}
