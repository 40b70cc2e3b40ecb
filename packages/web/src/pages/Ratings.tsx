import { A, useSearchParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { ratingsApi } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { communitiesWith, hasRole } from "../lib/session";
import { shanghaiIso, todayInShanghai } from "../lib/time";
import { Field, FormError, SelectField } from "../components/Field";

const SUBJECTS = ["partyMember", "household", "volunteer", "partnerUnit"] as const;
const RULES = ["majority", "twoThirds", "unanimous"] as const;

/** 评星定级: the community's cycles (apply or nominate, or run them), my applications, and for staff their own honours. */
export default function Ratings() {
  const [search] = useSearchParams<{ community?: string }>();
  const communityId = () =>
    Number(search.community ?? communitiesWith("resident", "committeeMember", "communityStaff", "volunteer")[0] ?? 1);
  const [cycles, { refetch }] = createResource(communityId, ratingsApi.cycles);
  const [schemes, schemesRes] = createResource(communityId, ratingsApi.schemes);
  const [mine] = createResource(() => ratingsApi.myNominations());
  const runs = () => hasRole("committeeMember", "communityStaff", "streetAdmin");
  return (
    <section>
      <h1>{t("ratings.title")}</h1>
      <p class="actions">
        <A class="button" href={`/honor/${communityId()}`}>
          {t("ratings.honorRoll")}
        </A>
        <A class="button" href={`/notices/${communityId()}`}>
          {t("ratings.notices")}
        </A>
      </p>
      <Show when={cycles.error}>
        <p class="form-error">{errorText(cycles.error)}</p>
      </Show>
      <h2>{t("ratings.cycles")}</h2>
      <ul class="plain" aria-label={t("ratings.cycles")}>
        <For each={cycles()?.items} fallback={<li class="muted">{t("ratings.none")}</li>}>
          {(c) => (
            <li class="card" data-testid="cycle">
              <div class="row">
                <strong>{c.title}</strong>
                <span class="badge">{t(`ratings.status.${c.status}`)}</span>
              </div>
              <div class="actions">
                <Show when={c.status === "nominating"}>
                  <A class="button" href={`/ratings/cycles/${c.id}/nominate`}>
                    {t("ratings.apply")}
                  </A>
                </Show>
                <Show when={runs()}>
                  <A class="button" href={`/ratings/cycles/${c.id}`}>
                    {t("ratings.desk")}
                  </A>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ul>
      <Show when={(mine()?.items.length ?? 0) > 0}>
        <h2>{t("ratings.mine")}</h2>
        <ul class="plain" aria-label={t("ratings.mine")}>
          <For each={mine()?.items}>
            {(n) => (
              <li class="row statement-line">
                <span>{n.title}</span>
                <span>{n.subject}</span>
                <span class="muted">{t(`ratings.routes.${n.route}`)}</span>
                <span class="badge">{t(`ratings.status.${n.status}`)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={runs()}>
        <NewCycle communityId={communityId()} schemes={schemes()?.items ?? []} onCreated={() => void refetch()} />
      </Show>
      <Show when={hasRole("communityStaff", "streetAdmin")}>
        <SupervisionPhone communityId={communityId()} />
        <NewScheme communityId={communityId()} onCreated={() => void schemesRes.refetch()} />
      </Show>
    </section>
  );
}

function NewCycle(props: { communityId: number; schemes: { id: number; name: string }[]; onCreated: () => void }) {
  const form = createForm();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const v = formValues(element);
    const ok = await form.submit(async () => {
      await ratingsApi.createCycle(props.communityId, {
        schemeId: Number(v.schemeId),
        periodLabel: v.periodLabel ?? "",
        nominationEndsAt: shanghaiIso(v.nominationEndsAt ?? "", "23:59"),
        reviewEndsAt: shanghaiIso(v.reviewEndsAt ?? "", "23:59"),
        noticeWorkingDays: Number(v.noticeWorkingDays || 5),
        ...(v.publishOn ? { publishOn: shanghaiIso(v.publishOn, "00:00") } : {}),
        decisionRule: (v.decisionRule as (typeof RULES)[number]) || "majority",
      });
    });
    if (ok) element.reset(), props.onCreated();
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-cycle">
      <h2 id="new-cycle">{t("ratings.newCycle")}</h2>
      <SelectField label={t("ratings.scheme")} name="schemeId">
        <For each={props.schemes}>{(s) => <option value={s.id}>{s.name}</option>}</For>
      </SelectField>
      <Field
        label={t("ratings.period")}
        name="periodLabel"
        value={todayInShanghai().slice(0, 4)}
        required
        error={form.error("periodLabel")}
      />
      <Field
        label={t("ratings.nominationEnds")}
        name="nominationEndsAt"
        type="date"
        required
        error={form.error("nominationEndsAt")}
      />
      <Field
        label={t("ratings.reviewEnds")}
        name="reviewEndsAt"
        type="date"
        required
        error={form.error("reviewEndsAt")}
      />
      <Field label={t("ratings.publishOn")} name="publishOn" type="date" error={form.error("publishOn")} />
      <Field
        label={t("ratings.noticeDays")}
        name="noticeWorkingDays"
        type="number"
        min="1"
        max="30"
        value="5"
        error={form.error("noticeWorkingDays")}
      />
      <SelectField label={t("ratings.rule")} name="decisionRule">
        <For each={RULES}>{(r) => <option value={r}>{t(`ratings.rules.${r}`)}</option>}</For>
      </SelectField>
      <FormError message={form.formError()} />
      <button type="submit" class="primary" disabled={form.busy()}>
        {t("ratings.create")}
      </button>
    </form>
  );
}

/** 监督电话: staff set the number their notices print for residents' concerns (empty clears it). */
function SupervisionPhone(props: { communityId: number }) {
  const [current] = createResource(
    () => props.communityId,
    async (id) => (await ratingsApi.notices(id)).community?.supervisionPhone ?? "",
  );
  const [saved, setSaved] = createSignal("");
  const form = createForm();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaved("");
    const phone = formValues(event.currentTarget as HTMLFormElement).supervisionPhone ?? "";
    if (await form.submit(async () => void (await ratingsApi.setSupervisionPhone(props.communityId, phone || null))))
      setSaved(t("ratings.supervisionSaved"));
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="supervision-title">
      <h2 id="supervision-title">{t("ratings.supervisionTitle")}</h2>
      <p class="muted">{t("ratings.supervisionHint")}</p>
      <Show when={!current.loading}>
        <Field
          label={t("fields.supervisionPhone")}
          name="supervisionPhone"
          type="tel"
          inputmode="tel"
          maxLength={20}
          value={current() ?? ""}
          error={form.error("supervisionPhone")}
        />
      </Show>
      <FormError message={form.formError()} />
      <p class="notice" role="status">
        {saved()}
      </p>
      <button type="submit" disabled={form.busy()}>
        {t("ratings.saveSupervision")}
      </button>
    </form>
  );
}

function NewScheme(props: { communityId: number; onCreated: () => void }) {
  const form = createForm();
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const element = event.currentTarget as HTMLFormElement;
    const v = formValues(element);
    // One star a line: 名称 or 名称：标准.
    const lines = (v.stars ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => line.split(/[：:]/, 2).map((part) => part.trim()));
    const ok = await form.submit(async () => {
      await ratingsApi.createScheme(props.communityId, {
        name: v.name ?? "",
        subjectKind: (v.subjectKind as (typeof SUBJECTS)[number]) || "volunteer",
        stars: lines.map(([name, criteria], i) => ({
          key: `star_${i + 1}`,
          name: name ?? "",
          criteria: criteria ?? "",
          evidence: null,
        })),
      });
    });
    if (ok) element.reset(), props.onCreated();
  };
  return (
    <form class="card" onSubmit={submit} aria-labelledby="new-scheme">
      <h2 id="new-scheme">{t("ratings.newScheme")}</h2>
      <Field label={t("ratings.schemeName")} name="name" required maxLength={30} error={form.error("name")} />
      <SelectField label={t("ratings.subjectKind")} name="subjectKind">
        <For each={SUBJECTS}>{(k) => <option value={k}>{t(`ratings.subjects.${k}`)}</option>}</For>
      </SelectField>
      <div class="field">
        <label for="f-stars">{t("ratings.starNames")}</label>
        <textarea id="f-stars" name="stars" rows="3" required />
      </div>
      <FormError message={form.formError()} />
      <button type="submit" disabled={form.busy()}>
        {t("ratings.saveScheme")}
      </button>
    </form>
  );
}
