import { useNavigate } from "@solidjs/router";
import { RequestCategoryChoices } from "../components/RequestCategoryChoices";
import { For, Show, createSignal } from "solid-js";
import {
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_CODES,
  REQUEST_KINDS,
  type RequestCategory,
  type RequestKind,
  must,
} from "@tongxin/core";
import { DayAndTimes, FormError } from "../components/Field";
import { requestsApi, type PostableResident } from "../lib/api";
import { createForm } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { hasRole } from "../lib/session";
import { shanghaiIso } from "../lib/time";

/** 代发: staff find the resident they post for by name or phone, among the residents they may act for. */
function ResidentPicker(props: {
  chosen: PostableResident | null;
  onChoose: (resident: PostableResident | null) => void;
  onQuery: (query: string) => void;
}) {
  const [query, setQuery] = createSignal("");
  const [found, setFound] = createSignal<PostableResident[] | null>(null);
  const [error, setError] = createSignal("");
  const find = async () => {
    if (!query().trim()) return;
    try {
      setError("");
      setFound((await requestsApi.residents(query().trim())).items);
    } catch (e) {
      setFound(null);
      setError(errorText(e));
    }
  };
  const choose = (resident: PostableResident | null) => {
    setQuery("");
    setFound(null);
    props.onQuery("");
    props.onChoose(resident);
  };
  return (
    <fieldset>
      <legend>{t("requests.forResident")}</legend>
      <Show
        when={props.chosen}
        fallback={
          <>
            <div class="field">
              <label for="f-resident">{t("requests.findResident")}</label>
              <input
                id="f-resident"
                type="search"
                value={query()}
                onInput={(e) => (setQuery(e.currentTarget.value), props.onQuery(e.currentTarget.value))}
                onKeyDown={(e) => e.key === "Enter" && (e.preventDefault(), void find())}
              />
            </div>
            <button type="button" onClick={() => void find()}>
              {t("requests.find")}
            </button>
            <Show when={error()}>
              <p class="form-error" role="alert">
                {error()}
              </p>
            </Show>
            <Show when={found()}>
              {(list) => (
                <ul class="plain" aria-label={t("requests.find")}>
                  <For each={list()} fallback={<li class="muted">{t("requests.noResident")}</li>}>
                    {(r) => (
                      <li>
                        <button type="button" class="choice small-choice" onClick={() => choose(r)}>
                          <strong>{r.name}</strong>
                          <span>{[r.phone, r.building].filter(Boolean).join(" · ")}</span>
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              )}
            </Show>
          </>
        }
      >
        {(r) => (
          <>
            <p class="big-text" data-testid="posting-for">
              {t("common.aside", { text: t("requests.postingFor", { name: r().name }), note: r().phone })}
            </p>
            <button type="button" onClick={() => choose(null)}>
              {t("requests.forSelf")}
            </button>
          </>
        )}
      </Show>
    </fieldset>
  );
}

/** Three taps for an elderly resident: what kind, which category, a few words. */
export default function NewRequest() {
  const navigate = useNavigate();
  const [kind, setKind] = createSignal<RequestKind | null>(null);
  const [category, setCategory] = createSignal<RequestCategory | null>(null);
  const form = createForm();
  const [owner, setOwner] = createSignal<PostableResident | null>(null);
  // Text in the resident search without a choice would post for the wrong person: ask to pick first.
  const [ownerQuery, setOwnerQuery] = createSignal("");
  const [pickError, setPickError] = createSignal("");
  const categories = () =>
    REQUEST_CATEGORY_CODES.filter(
      (code) => kind() !== null && (REQUEST_CATEGORIES[code].kinds as readonly string[]).includes(must(kind())),
    );
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    setPickError(ownerQuery().trim() && !owner() ? t("requests.pickResident") : "");
    if (pickError()) return;
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const ownerUserId = owner()?.id;
    let createdId = 0;
    const done = await form.submit(async () => {
      const [day, from, to] = ["day", "from", "to"].map((k) => String(data.get(k) ?? ""));
      const window = day && from && to ? { startsAt: shanghaiIso(day, from), endsAt: shanghaiIso(day, to) } : null;
      const created = await requestsApi.create({
        kind: must(kind()),
        category: must(category()),
        description: String(data.get("description") ?? "").trim(),
        urgency: data.get("urgent") ? "urgent" : "normal",
        window,
        ...(ownerUserId ? { ownerUserId } : {}),
      });
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
            <button
              type="button"
              class="choice"
              aria-pressed={kind() === k}
              onClick={() => (setKind(k), setCategory(null))}
            >
              <strong>{t(`requestKinds.${k}`)}</strong>
              <small>{t(`requestKindHints.${k}`)}</small>
            </button>
          )}
        </For>
      </div>
      <Show when={kind()}>
        <h2>{t("requests.step2")}</h2>
        <RequestCategoryChoices
          label={t("requests.step2")}
          categories={categories()}
          chosen={category()}
          onChoose={setCategory}
        />
      </Show>
      <Show when={category()}>
        <h2>{t("requests.step3")}</h2>
        <form onSubmit={onSubmit} novalidate>
          <div class="field">
            <label for="f-description">{t("requests.description")}</label>
            <textarea
              id="f-description"
              name="description"
              rows={3}
              maxLength={1000}
              aria-invalid={form.error("description") ? "true" : undefined}
            />
            <Show when={form.error("description")}>
              <small class="field-error" role="alert">
                {form.error("description")}
              </small>
            </Show>
          </div>
          <fieldset>
            <legend>{t("requests.when")}</legend>
            <DayAndTimes />
          </fieldset>
          <label class="check">
            <input type="checkbox" name="urgent" />
            <span>{t("requests.urgent")}</span>
          </label>
          <Show when={hasRole("gridWorker", "communityStaff", "streetAdmin")}>
            <ResidentPicker chosen={owner()} onChoose={setOwner} onQuery={setOwnerQuery} />
          </Show>
          <Show when={pickError()}>
            <p class="form-error" role="alert">
              {pickError()}
            </p>
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
