import { useNavigate } from "@solidjs/router";
import { For, Show, createSignal } from "solid-js";
import { REQUEST_CATEGORIES, REQUEST_CATEGORY_CODES, REQUEST_KINDS, type RequestCategory, type RequestKind } from "@tongxin/core";
import { FormError } from "../components/Field";
import { ApiError, api, requestsApi } from "../lib/api";
import { createForm } from "../lib/form";
import { t } from "../lib/i18n";
import { hasRole, me } from "../lib/session";
import { shanghaiIso } from "../lib/time";

/** Three taps for an elderly resident: what kind, which category, a few words. */
export default function NewRequest() {
  const navigate = useNavigate();
  const [kind, setKind] = createSignal<RequestKind | null>(null);
  const [category, setCategory] = createSignal<RequestCategory | null>(null);
  const form = createForm();
  const categories = () => REQUEST_CATEGORY_CODES.filter((code) => kind() !== null && (REQUEST_CATEGORIES[code].kinds as readonly string[]).includes(kind()!));
  const ownerIdByPhone = async (phone: string) => {
    const found = (await api.accounts({ communityId: me()!.user.communityId ?? 0, q: phone })).items.find((a) => a.phone === phone);
    if (!found) throw new ApiError(404, "not_found", "leader_not_found", []);
    return found.id;
  };
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const phone = String(data.get("ownerPhone") ?? "").trim();
    let createdId = 0;
    const done = await form.submit(async () => {
      const ownerUserId = phone ? await ownerIdByPhone(phone) : undefined;
      const [day, from, to] = ["day", "from", "to"].map((k) => String(data.get(k) ?? ""));
      const window = day && from && to ? { startsAt: shanghaiIso(day, from), endsAt: shanghaiIso(day, to) } : null;
      const created = await requestsApi.create({ kind: kind()!, category: category()!, description: String(data.get("description") ?? "").trim(), urgency: data.get("urgent") ? "urgent" : "normal", window, ...(ownerUserId ? { ownerUserId } : {}) });
      createdId = created.id;
    });
    if (done) navigate(`/requests/${createdId}?new=1`);
  };
  return (
    <section class="card narrow wide">
      <h1>{t("requests.newTitle")}</h1>
      <h2>{t("requests.step1")}</h2>
      <div class="choices" role="group" aria-label={t("requests.step1")}>
        <For each={REQUEST_KINDS}>
          {(k) => (
            <button type="button" class="choice" aria-pressed={kind() === k} onClick={() => (setKind(k), setCategory(null))}>
              <strong>{t(`requestKinds.${k}`)}</strong>
              <small>{t(`requestKindHints.${k}`)}</small>
            </button>
          )}
        </For>
      </div>
      <Show when={kind()}>
        <h2>{t("requests.step2")}</h2>
        <div class="choices" role="group" aria-label={t("requests.step2")}>
          <For each={categories()}>
            {(c) => (
              <button type="button" class="choice small-choice" aria-pressed={category() === c} onClick={() => setCategory(c)}>
                {t(`requestCategories.${c}`)}
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={category()}>
        <h2>{t("requests.step3")}</h2>
        <form onSubmit={onSubmit} novalidate>
          <div class="field">
            <label for="f-description">{t("requests.description")}</label>
            <textarea id="f-description" name="description" rows={3} maxLength={1000} aria-invalid={form.error("description") ? "true" : undefined} />
            <Show when={form.error("description")}>
              <small class="field-error" role="alert">
                {form.error("description")}
              </small>
            </Show>
          </div>
          <fieldset>
            <legend>{t("requests.when")}</legend>
            <div class="row">
              <label class="stacked">
                <span>{t("create.date")}</span>
                <input type="date" name="day" />
              </label>
              <label class="stacked">
                <span>{t("create.start")}</span>
                <input type="time" name="from" />
              </label>
              <label class="stacked">
                <span>{t("create.end")}</span>
                <input type="time" name="to" />
              </label>
            </div>
          </fieldset>
          <label class="check">
            <input type="checkbox" name="urgent" />
            <span>{t("requests.urgent")}</span>
          </label>
          <Show when={hasRole("gridWorker", "communityStaff")}>
            <div class="field">
              <label for="f-ownerPhone">{t("requests.forResident")}</label>
              <input id="f-ownerPhone" name="ownerPhone" type="tel" inputmode="numeric" maxLength={11} />
            </div>
          </Show>
          <FormError message={form.formError()} />
          <button type="submit" class="primary" disabled={form.busy()}>
            {t("requests.submit")}
          </button>
        </form>
      </Show>
    </section>
  );
}
