import { A, useParams } from "@solidjs/router";
import { RequestCategoryChoices } from "../components/RequestCategoryChoices";
import { For, Show, createResource, createSignal, createUniqueId } from "solid-js";
import {
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_CODES,
  VISIT_MODES,
  VISIT_NEEDS_CHARS_MAX,
  WELLBEING_LEVELS,
  type RequestCategory,
  type VisitMode,
  type Wellbeing,
  photoAllowed,
} from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { zhCare } from "../i18n/zh-care";
import { careApi, type CareView } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { smallPhoto } from "../lib/photo";
import { todayInShanghai } from "../lib/time";

addPageTexts(zhCare);

/** A request raised from a visit is a service the community assigns or a volunteer takes on. */
const SERVICE_CATEGORIES = REQUEST_CATEGORY_CODES.filter((c) =>
  (REQUEST_CATEGORIES[c].kinds as readonly string[]).includes("service"),
);

/** Whether this household's standing consent lets a visit keep a photo (core `photoAllowed`). */
function photosAllowed(view: CareView): boolean {
  const consent = view.profile?.consent;
  if (!consent?.givenAt) return false;
  const withdrawnAt = consent.withdrawnAt === null ? null : Date.parse(consent.withdrawnAt);
  return photoAllowed({ consent: { ...consent, givenAt: Date.parse(consent.givenAt), withdrawnAt } });
}

/**
 * 一键转诉求: the needs a saved visit found become a request, in the category the visitor picks (urgent when they are).
 * The request is read by whoever claims it: its text starts as the needs found, and the visitor keeps in it only
 * what the helper must know (decision 0016), as the hint says.
 */
function ToRequest(props: { visitId: number; needs: string; urgent: boolean }) {
  const form = createForm();
  const [category, setCategory] = createSignal<RequestCategory | null>(null);
  const [description, setDescription] = createSignal(props.needs);
  const [requestId, setRequestId] = createSignal<number | null>(null);
  const post = async (chosen: RequestCategory) => {
    await form.submit(async () => {
      const urgency = props.urgent ? ("urgent" as const) : ("normal" as const);
      const json = { category: chosen, description: description(), urgency };
      const made = await careApi.toRequest(props.visitId, json);
      setRequestId(made.requestId);
    });
  };
  return (
    <Show
      when={requestId()}
      fallback={
        <section aria-label={t("care.visit.toRequest")}>
          <p>{t("care.visit.toRequestIntro")}</p>
          <RequestCategoryChoices
            label={t("care.visit.requestCategory")}
            categories={SERVICE_CATEGORIES}
            chosen={category()}
            onChoose={setCategory}
          />
          <div class="field">
            <label for="f-request-description">{t("care.visit.requestDescription")}</label>
            <textarea
              id="f-request-description"
              rows={3}
              maxLength={1000}
              value={description()}
              onInput={(e) => setDescription(e.currentTarget.value)}
              aria-describedby="f-request-description-hint"
              aria-invalid={form.error("description") ? "true" : undefined}
            />
            <small class="hint" id="f-request-description-hint">
              {t("care.visit.requestDescriptionHint")}
            </small>
            <Show when={form.error("description")}>
              <small class="field-error" role="alert">
                {form.error("description")}
              </small>
            </Show>
          </div>
          <FormError message={form.formError()} />
          <Show when={category()}>
            {(chosen) => (
              <button type="button" class="primary" disabled={form.busy()} onClick={() => void post(chosen())}>
                {t("care.visit.toRequest")}
              </button>
            )}
          </Show>
        </section>
      }
    >
      {(id) => (
        <p class="status" role="status">
          {t("care.visit.requested")}{" "}
          <span data-testid="visit-request-link">{t("care.visit.viewRequest", { id: id() })}</span>
        </p>
      )}
    </Show>
  );
}

/** Two to four big buttons for one choice, pressed state shown and announced. */
function BigToggle<T extends string>(props: {
  label: string;
  options: readonly T[];
  value: T | null;
  text: (option: T) => string;
  onChoose: (option: T) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset>
      <legend>{props.label}</legend>
      <div class="choices" role="group" aria-label={props.label}>
        <For each={props.options}>
          {(option) => (
            <button
              type="button"
              class="choice small-choice big-text"
              aria-pressed={props.value === option}
              onClick={() => props.onChoose(option)}
            >
              {props.text(option)}
            </button>
          )}
        </For>
      </div>
      <Show when={props.error}>
        <small class="field-error" role="alert">
          {props.error}
        </small>
      </Show>
    </fieldset>
  );
}

function NeedsField(props: { error: string | undefined }) {
  const id = `needs-${createUniqueId()}`;
  return (
    <div class="field">
      <label for={id}>{t("care.visit.needs")}</label>
      <textarea
        id={id}
        name="needs"
        rows={3}
        maxLength={VISIT_NEEDS_CHARS_MAX}
        placeholder={t("care.visit.needsHint")}
        aria-invalid={props.error ? "true" : undefined}
      />
      <Show when={props.error}>
        <small class="field-error" role="alert">
          {props.error}
        </small>
      </Show>
    </div>
  );
}

/** The 五送 campaigns running for this household, when there are any. */
function CampaignPicker(props: { householdId: number; error: string | undefined }) {
  const [campaigns] = createResource(() => props.householdId, careApi.householdCampaigns);
  return (
    <Show when={(campaigns()?.items.length ?? 0) > 0}>
      <SelectField label={t("care.visit.campaign")} name="campaignId" error={props.error}>
        <option value="">{t("care.visit.noCampaign")}</option>
        <For each={campaigns()?.items}>
          {(c) => <option value={c.id}>{`${t(`care.campaignKind.${c.kind}`)} · ${c.title}`}</option>}
        </For>
      </SelectField>
    </Show>
  );
}

type SavedVisit = { id: number; needs: string; urgent: boolean };

function VisitForm(props: { householdId: number; view: CareView; onSaved: (visit: SavedVisit) => void }) {
  const form = createForm();
  const [mode, setMode] = createSignal<VisitMode>("inPerson");
  const [wellbeing, setWellbeing] = createSignal<Wellbeing | null>(null);
  const [missing, setMissing] = createSignal("");
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const chosen = wellbeing();
    setMissing(chosen ? "" : t("care.visit.chooseWellbeing"));
    if (!chosen) return;
    const v = formValues(el);
    const file = (el.elements.namedItem("photo") as HTMLInputElement | null)?.files?.[0];
    let visitId = 0;
    const done = await form.submit(async () => {
      const photo = file ? await smallPhoto(file) : undefined;
      const campaignId = v.campaignId ? Number(v.campaignId) : undefined;
      const body = { visitedOn: v.visitedOn ?? "", mode: mode(), wellbeing: chosen, needs: v.needs ?? "" };
      visitId = (await careApi.recordVisit(props.householdId, { ...body, photo, campaignId })).id;
    });
    if (done) props.onSaved({ id: visitId, needs: v.needs ?? "", urgent: chosen === "urgent" });
  };
  return (
    <form onSubmit={onSubmit} novalidate aria-label={t("care.visit.title")}>
      <Field
        label={t("care.visit.date")}
        name="visitedOn"
        type="date"
        value={todayInShanghai()}
        max={todayInShanghai()}
        error={form.error("visitedOn")}
      />
      <BigToggle
        label={t("care.visit.mode")}
        options={VISIT_MODES}
        value={mode()}
        text={(m) => t(`care.mode.${m}`)}
        onChoose={setMode}
      />
      <BigToggle
        label={t("care.visit.wellbeing")}
        options={WELLBEING_LEVELS}
        value={wellbeing()}
        text={(w) => t(`care.wellbeing.${w}`)}
        onChoose={(w) => (setWellbeing(w), setMissing(""))}
        error={missing() || form.error("wellbeing")}
      />
      <NeedsField error={form.error("needs")} />
      <Show when={photosAllowed(props.view)}>
        <Field label={t("care.visit.photo")} name="photo" type="file" accept="image/*" error={form.error("photo")} />
      </Show>
      <CampaignPicker householdId={props.householdId} error={form.error("campaignId")} />
      <FormError message={form.formError()} />
      <button type="submit" class="primary big" disabled={form.busy()}>
        {t("care.visit.save")}
      </button>
    </form>
  );
}

/** 入户走访 from the phone in under a minute: the day, how, how the person is, what they need; then one tap to a request. */
export default function CareVisit() {
  const params = useParams<{ id: string }>();
  const householdId = () => Number(params.id);
  const [view] = createResource(householdId, careApi.household);
  const [saved, setSaved] = createSignal<SavedVisit | null>(null);
  return (
    <section class="card narrow wide">
      <h1>{t("care.visit.title")}</h1>
      <Show when={view()}>
        {(loaded) => (
          <>
            <p class="big-text">{loaded().household.label}</p>
            <Show
              when={saved()}
              fallback={<VisitForm householdId={householdId()} view={loaded()} onSaved={setSaved} />}
            >
              {(visit) => (
                <>
                  <p class="status" role="status">
                    {t("care.visit.saved")}
                  </p>
                  <Show when={visit().needs.trim()}>
                    <ToRequest visitId={visit().id} needs={visit().needs} urgent={visit().urgent} />
                  </Show>
                  <div class="actions">
                    <A class="button" href={`/households/${householdId()}/care`}>
                      {t("care.visit.backToHousehold")}
                    </A>
                    <A class="button" href="/care">
                      {t("care.visit.backToList")}
                    </A>
                  </div>
                </>
              )}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
