import { useSearchParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { EXPORT_FORMATS, REQUEST_CATEGORY_CODES, type EarningRules } from "@tongxin/core";
import { api, booksApi, pointsApi } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, locale, t } from "../lib/i18n";
import { hasRole } from "../lib/session";
import { formatTime, todayInShanghai } from "../lib/time";
import { Field, FormError, SelectField } from "../components/Field";

const SUMMARY_KEYS = ["issued", "earned", "reversed", "redeemed", "reserved", "donated", "expired"] as const;

/** 积分管理: the fund and its warnings, issuance, the month's summary with CSV exports, earning rules, and the history. */
export default function PointsAdmin() {
  const [search, setSearch] = useSearchParams<{ community?: string }>();
  const [communities] = createResource(() => api.communities());
  const communityId = () => Number(search.community ?? communities()?.[0]?.id ?? 0);
  const [month, setMonth] = createSignal(todayInShanghai().slice(0, 7));
  const [books, { refetch }] = createResource(
    () => (communityId() ? { id: communityId(), month: month() } : false),
    ({ id, month: m }) => pointsApi.community(id, m),
  );
  return (
    <section>
      <h1>{t("pointsAdmin.title")}</h1>
      <SelectField
        label={t("pointsAdmin.community")}
        name="community"
        value={String(communityId())}
        onChange={(e) => setSearch({ community: e.currentTarget.value })}
      >
        <For each={communities()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
      </SelectField>
      <Show when={books.error}>
        <p class="form-error">{errorText(books.error)}</p>
      </Show>
      <Show when={books()}>
        {(b) => (
          <>
            <div class="figures">
              <div>
                {t("pointsAdmin.fund")}
                <strong data-testid="fund-balance">{b().fund.available}</strong>
              </div>
              <div>
                {t("pointsAdmin.store")}
                <strong>{b().store.posted}</strong>
              </div>
            </div>
            <Show when={b().waiting.count > 0}>
              <p class="card warn-card" role="alert">
                {t("pointsAdmin.waitingWarn", { count: b().waiting.count, points: b().waiting.points })}
              </p>
            </Show>
            <Show when={hasRole("streetAdmin")}>
              <Issue communityId={communityId()} onIssued={() => void refetch()} />
            </Show>
            <h2>{t("pointsAdmin.summary")}</h2>
            <Field
              label={t("points.month")}
              name="month"
              type="month"
              value={month()}
              onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
            />
            <div class="figures" data-testid="summary">
              <For each={SUMMARY_KEYS}>
                {(k) => (
                  <div>
                    {t(`pointsAdmin.sum.${k}`)}
                    <strong>{b().summary[k]}</strong>
                  </div>
                )}
              </For>
            </div>
            <p class="actions">
              <For each={["statement", "redemptions"] as const}>
                {(kind) => (
                  <For each={EXPORT_FORMATS}>
                    {(format) => (
                      <a
                        class="button"
                        href={booksApi.points(communityId(), { kind, month: month() }, format, locale())}
                        download=""
                      >
                        {t(`pointsAdmin.export.${kind}.${format}`)}
                      </a>
                    )}
                  </For>
                )}
              </For>
            </p>
            <Rules communityId={communityId()} />
            <h2>{t("pointsAdmin.issuances")}</h2>
            <ul class="plain">
              <For each={b().issuances}>
                {(i) => (
                  <li class="row statement-line">
                    <span class="muted">{formatTime(i.at)}</span>
                    <span>{i.reason}</span>
                    <span class="muted">{i.actor}</span>
                    <strong class="plus">+{i.amount}</strong>
                  </li>
                )}
              </For>
            </ul>
            <h2>{t("pointsAdmin.donations")}</h2>
            <ul class="plain">
              <For each={b().donations}>
                {(d) => (
                  <li class="row statement-line">
                    <span class="muted">{formatTime(d.at)}</span>
                    <span>
                      {d.from} → {d.household ?? t("pointsAdmin.toFund")}
                    </span>
                    <span class="muted">{d.message}</span>
                    <strong>{d.amount}</strong>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </section>
  );
}

function Issue(props: { communityId: number; onIssued: () => void }) {
  const form = createForm();
  const [done, setDone] = createSignal("");
  let key = crypto.randomUUID();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const values = formValues(element);
    const ok = await form.submit(async () => {
      await pointsApi.issue(
        { communityId: props.communityId, amount: Number(values.amount), reason: values.reason ?? "" },
        key,
      );
      setDone(t("pointsAdmin.issued", { n: Number(values.amount) }));
    });
    if (ok) (key = crypto.randomUUID()), element.reset(), props.onIssued();
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="issue-title">
      <h2 id="issue-title">{t("pointsAdmin.issue")}</h2>
      <Field label={t("fields.amount")} name="amount" type="number" min="1" required error={form.error("amount")} />
      <Field label={t("fields.reason")} name="reason" required maxLength={200} error={form.error("reason")} />
      <FormError message={form.formError()} />
      <p class="notice" role="status">
        {done()}
      </p>
      <button type="submit" disabled={form.busy()}>
        {t("pointsAdmin.issue")}
      </button>
    </form>
  );
}

const numberField = (values: Record<string, string>, name: string) => Number(values[name] ?? "");

function Rules(props: { communityId: number }) {
  const [rules] = createResource(
    () => props.communityId,
    (id) => pointsApi.rules(id).then((r) => r.rules as EarningRules),
  );
  const form = createForm();
  const [saved, setSaved] = createSignal("");
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const values = formValues(event.currentTarget as HTMLFormElement);
    const perRequest = Object.fromEntries(
      REQUEST_CATEGORY_CODES.filter((c) => values[`cat-${c}`] !== "").map((c) => [c, numberField(values, `cat-${c}`)]),
    );
    setSaved("");
    const ok = await form.submit(async () => {
      await pointsApi.setRules(props.communityId, {
        pointsPerHour: numberField(values, "pointsPerHour"),
        perRequest,
        requestDefault: numberField(values, "requestDefault"),
        fiveStarBonus: numberField(values, "fiveStarBonus"),
        dailyCap: numberField(values, "dailyCap"),
      });
    });
    if (ok) setSaved(t("pointsAdmin.saved"));
  };
  return (
    <Show when={rules()}>
      {(r) => (
        <form class="card" onSubmit={submit} aria-labelledby="rules-title">
          <h2 id="rules-title">{t("pointsAdmin.rules")}</h2>
          <Field
            label={t("pointsAdmin.perHour")}
            name="pointsPerHour"
            type="number"
            min="0"
            value={r().pointsPerHour}
            error={form.error("pointsPerHour")}
          />
          <For each={REQUEST_CATEGORY_CODES}>
            {(c) => (
              <Field
                label={t(`requestCategories.${c}`)}
                name={`cat-${c}`}
                type="number"
                min="0"
                value={r().perRequest[c] ?? ""}
                placeholder={String(r().requestDefault)}
                error={form.error(`perRequest.${c}`)}
              />
            )}
          </For>
          <Field
            label={t("pointsAdmin.requestDefault")}
            name="requestDefault"
            type="number"
            min="0"
            value={r().requestDefault}
            error={form.error("requestDefault")}
          />
          <Field
            label={t("pointsAdmin.bonus")}
            name="fiveStarBonus"
            type="number"
            min="0"
            value={r().fiveStarBonus}
            error={form.error("fiveStarBonus")}
          />
          <Field
            label={t("pointsAdmin.cap")}
            name="dailyCap"
            type="number"
            min="0"
            value={r().dailyCap}
            error={form.error("dailyCap")}
          />
          <FormError message={form.formError()} />
          <p class="notice" role="status">
            {saved()}
          </p>
          <button type="submit" disabled={form.busy()}>
            {t("pointsAdmin.saveRules")}
          </button>
        </form>
      )}
    </Show>
  );
}
