import { For, Show, createSignal, createUniqueId } from "solid-js";
import {
  CARE_LEVEL_KEYS,
  CARE_NEEDS_CHARS_MAX,
  CONSENT_GIVERS,
  PAIRING_END_REASON_CHARS_MAX,
  VISITOR_KINDS,
  type CareLevel,
  type ConsentGiver,
  type EmergencyContact,
  type VisitorKind,
} from "@tongxin/core";
import { careApi, volunteering, type CareView } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { formatDay } from "../lib/time";
import { CategoryChecks } from "./Care";
import { Field, FormError, SelectField } from "./Field";

/** What the grid's worker and staff change on a household's care: each form refreshes the page once saved. */
type ManageProps = { view: CareView; onDone: () => unknown };

/** A labelled multi-line field with its API error. */
function TextArea(props: { label: string; name: string; max: number; value?: string; error?: string | undefined }) {
  const id = `f-${props.name}-${createUniqueId()}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea id={id} name={props.name} rows={3} maxLength={props.max} value={props.value ?? ""} />
      <Show when={props.error}>
        <small class="field-error" role="alert">
          {props.error}
        </small>
      </Show>
    </div>
  );
}

function EmergencyFields(props: { contact: EmergencyContact | null; error: string | undefined }) {
  return (
    <fieldset>
      <legend>{t("care.household.emergency")}</legend>
      <p class="hint">{t("care.edit.emergencyHint")}</p>
      <Field label={t("care.edit.emergencyName")} name="emergencyName" value={props.contact?.name ?? ""} />
      <Field label={t("care.edit.relation")} name="relation" value={props.contact?.relation ?? ""} />
      <Field
        label={t("care.edit.phone")}
        name="phone"
        inputMode="tel"
        value={props.contact?.phone ?? ""}
        error={props.error}
      />
    </fieldset>
  );
}

export function ProfileForm(props: ManageProps) {
  const form = createForm();
  const [saved, setSaved] = createSignal(false);
  const profile = () => props.view.profile;
  const chosen = (key: string) => profile()?.categories.some((c) => c.key === key) ?? false;
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const keys = new FormData(el).getAll("categories").map(String);
    const named = v.emergencyName || v.relation || v.phone;
    const emergencyContact = named
      ? { name: v.emergencyName ?? "", relation: v.relation ?? "", phone: v.phone ?? "" }
      : null;
    const body = { categories: keys, level: v.level as CareLevel, needs: v.needs ?? "", emergencyContact };
    setSaved(false);
    if (await form.submit(async () => void (await careApi.saveProfile(props.view.household.id, body)))) {
      setSaved(true);
      await props.onDone();
    }
  };
  return (
    <details>
      <summary>{t("care.edit.title")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("care.edit.title")}>
        <CategoryChecks
          legend={t("care.household.categories")}
          communityId={props.view.household.communityId}
          chosen={chosen}
          error={form.error("categories")}
        />
        <SelectField label={t("care.household.level")} name="level" value={profile()?.level ?? "monthly"}>
          <For each={CARE_LEVEL_KEYS}>{(l) => <option value={l}>{t(`care.level.${l}`)}</option>}</For>
        </SelectField>
        <TextArea
          label={t("care.household.needs")}
          name="needs"
          max={CARE_NEEDS_CHARS_MAX}
          value={profile()?.needs}
          error={form.error("needs")}
        />
        <EmergencyFields contact={profile()?.emergencyContact ?? null} error={form.error("emergencyContact")} />
        <FormError message={form.formError()} />
        <Show when={saved()}>
          <p class="status" role="status">
            {t("care.edit.saved")}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("care.edit.save")}
        </button>
      </form>
    </details>
  );
}

export function ConsentForm(props: ManageProps) {
  const form = createForm();
  const [done, setDone] = createSignal("");
  const consent = () => props.view.profile?.consent ?? null;
  const standing = () => consent() !== null && consent()?.withdrawnAt === null;
  const after = async (text: string) => {
    setDone(text);
    await props.onDone();
  };
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const photos = (el.elements.namedItem("photos") as HTMLInputElement).checked;
    const body = { givenBy: v.givenBy as ConsentGiver, givenByName: v.givenByName ?? "", photos };
    setDone("");
    if (await form.submit(async () => void (await careApi.consent(props.view.household.id, body))))
      await after(t("care.consentForm.saved"));
  };
  const withdraw = async () => {
    setDone("");
    if (await form.submit(async () => void (await careApi.withdrawConsent(props.view.household.id))))
      await after(t("care.consentForm.withdrawn"));
  };
  return (
    <details>
      <summary>{t("care.consentForm.title")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("care.consentForm.title")}>
        <SelectField label={t("care.consentForm.givenBy")} name="givenBy" value={consent()?.givenBy ?? "self"}>
          <For each={CONSENT_GIVERS}>{(g) => <option value={g}>{t(`care.givenBy.${g}`)}</option>}</For>
        </SelectField>
        <Field
          label={t("care.consentForm.givenByName")}
          name="givenByName"
          maxLength={30}
          value={consent()?.givenByName ?? ""}
          error={form.error("givenByName")}
        />
        <label class="check">
          <input type="checkbox" name="photos" checked={consent()?.photos ?? false} />
          <span>{t("care.consentForm.photos")}</span>
        </label>
        <FormError message={form.formError()} />
        <Show when={done()}>
          <p class="status" role="status">
            {done()}
          </p>
        </Show>
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("care.consentForm.save")}
        </button>
        <Show when={standing()}>
          <button type="button" class="danger" disabled={form.busy()} onClick={() => void withdraw()}>
            {t("care.consentForm.withdraw")}
          </button>
        </Show>
      </form>
    </details>
  );
}

function EndPairing(props: { pairingId: number; onDone: () => unknown }) {
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const reason = formValues(e.currentTarget as HTMLFormElement).reason ?? "";
    if (await form.submit(async () => void (await careApi.endPairing(props.pairingId, reason)))) await props.onDone();
  };
  return (
    <form class="inline-form" onSubmit={onSubmit} novalidate aria-label={t("care.pairings.end")}>
      <Field
        label={t("care.pairings.endReason")}
        name="reason"
        maxLength={PAIRING_END_REASON_CHARS_MAX}
        error={form.error("reason")}
      />
      <button type="submit" class="danger" disabled={form.busy()}>
        {t("care.pairings.end")}
      </button>
      <FormError message={form.formError()} />
    </form>
  );
}

type Candidate = { id: number; name: string; partyStatus: string | null };

const isPartyMember = (c: Candidate) => c.partyStatus !== null && c.partyStatus !== "none";

/** Finds a volunteer of the community (the volunteer search: name or pinyin initials) to pair. */
function VolunteerFinder(props: { view: CareView; onChoose: (candidate: Candidate) => void }) {
  const [found, setFound] = createSignal<Candidate[] | null>(null);
  const [searchError, setSearchError] = createSignal("");
  const find = async (q: string) => {
    setSearchError("");
    try {
      const h = props.view.household;
      const gridId = props.view.reader === "gridWorker" ? h.gridId : undefined;
      setFound((await volunteering.search({ communityId: h.communityId, q, gridId })).items);
    } catch (error) {
      setSearchError(errorText(error));
    }
  };
  return (
    <form
      class="inline-form"
      novalidate
      aria-label={t("care.pairings.find")}
      onSubmit={(e) => (e.preventDefault(), void find(formValues(e.currentTarget).q ?? ""))}
    >
      <Field label={t("care.pairings.find")} name="q" type="search" maxLength={30} hint={t("care.pairings.findHint")} />
      <button type="submit">{t("care.pairings.search")}</button>
      <FormError message={searchError() || null} />
      <Show when={found()}>
        {(list) => (
          <ul class="plain" aria-label={t("care.pairings.find")}>
            <For each={list()} fallback={<li class="muted">{t("care.pairings.noneFound")}</li>}>
              {(v) => (
                <li>
                  <button type="button" class="choice small-choice" onClick={() => props.onChoose(v)}>
                    <strong>{v.name}</strong>
                    <Show when={isPartyMember(v)}>
                      <small>{t(`partyStatus.${v.partyStatus as "active"}`)}</small>
                    </Show>
                  </button>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
    </form>
  );
}

/** Pairs the chosen volunteer, as a Party member when they are one, else as they are chosen to visit. */
function PairForm(props: ManageProps) {
  const form = createForm();
  const [chosen, setChosen] = createSignal<Candidate | null>(null);
  const pair = async (e: SubmitEvent) => {
    e.preventDefault();
    const kind = formValues(e.currentTarget as HTMLFormElement).kind as VisitorKind;
    const visitor = chosen();
    if (!visitor) return;
    const json = { visitorUserId: visitor.id, kind };
    if (await form.submit(async () => void (await careApi.pair(props.view.household.id, json)))) {
      setChosen(null);
      await props.onDone();
    }
  };
  return (
    <Show when={chosen()} fallback={<VolunteerFinder view={props.view} onChoose={setChosen} />}>
      {(visitor) => (
        <form onSubmit={pair} novalidate aria-label={t("care.pairings.pair")}>
          <p class="big-text">{t("care.pairings.chosen", { name: visitor().name })}</p>
          <SelectField
            label={t("care.pairings.kind")}
            name="kind"
            value={isPartyMember(visitor()) ? "partyMember" : "volunteer"}
            error={form.error("kind")}
          >
            <For each={VISITOR_KINDS}>{(k) => <option value={k}>{t(`care.visitorKind.${k}`)}</option>}</For>
          </SelectField>
          <FormError message={form.formError()} />
          <button type="submit" class="primary" disabled={form.busy()}>
            {t("care.pairings.pair")}
          </button>
          <button type="button" onClick={() => setChosen(null)}>
            {t("care.pairings.change")}
          </button>
        </form>
      )}
    </Show>
  );
}

export function PairingsDesk(props: ManageProps) {
  const pairings = () =>
    [...props.view.pairings].sort((a, b) => Number(a.endedAt !== null) - Number(b.endedAt !== null));
  return (
    <details open>
      <summary>{t("care.pairings.title")}</summary>
      <ul class="plain">
        <For each={pairings()} fallback={<li class="muted">{t("care.pairings.none")}</li>}>
          {(p) => (
            <li class="card" data-testid="care-pairing">
              <p>
                <strong>{p.visitorName}</strong> · {t(`care.visitorKind.${p.kind}`)} ·{" "}
                {t("care.pairings.since", { date: formatDay(p.startedAt) })}
              </p>
              <Show when={p.endedAt} fallback={<EndPairing pairingId={p.id} onDone={props.onDone} />}>
                {(at) => (
                  <p class="muted">{t("care.pairings.ended", { date: formatDay(at()), reason: p.endReason ?? "" })}</p>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
      <PairForm {...props} />
    </details>
  );
}

/** A volunteer's visit counted as service: the default minutes by how it was made, or corrected with a reason. */
export function ConfirmVisit(props: { visitId: number; onDone: () => unknown }) {
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    const body = { ...(v.minutes ? { minutes: Number(v.minutes) } : {}), ...(v.reason ? { reason: v.reason } : {}) };
    if (await form.submit(async () => void (await careApi.confirm(props.visitId, body)))) await props.onDone();
  };
  return (
    <details>
      <summary>{t("care.household.confirm")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("care.household.confirm")}>
        <Field
          label={t("care.household.minutes")}
          name="minutes"
          inputMode="numeric"
          hint={t("care.household.minutesHint")}
          error={form.error("minutes")}
        />
        <Field label={t("care.household.reason")} name="reason" maxLength={200} error={form.error("reason")} />
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("care.household.confirm")}
        </button>
      </form>
    </details>
  );
}
