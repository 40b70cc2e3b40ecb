import { A, useSearchParams } from "@solidjs/router";
import { For, Show, createMemo, createResource, createSignal } from "solid-js";
import { PARTNER_KINDS, TEAM_KINDS } from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { ApiError, api, booksApi, volunteering } from "../lib/api";
import { BookLinks } from "../components/BookLinks";
import { createForm, formValues } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { communitiesWith, hasRole, me } from "../lib/session";

addPageTexts(zhPages);

/** A community's volunteer teams and partner units; staff create new ones here. */
export default function TeamsAdmin() {
  const [params, setParams] = useSearchParams<{ community?: string }>();
  const [communities] = createResource(api.communities);
  const communityId = createMemo(
    () =>
      Number(params.community) ||
      me()?.user.communityId ||
      communitiesWith("communityStaff")[0] ||
      communities()?.[0]?.id ||
      0,
  );
  // Nothing to create a team in before the first community exists (a fresh street).
  const canManage = () =>
    communityId() > 0 && (hasRole("streetAdmin") || communitiesWith("communityStaff").includes(communityId()));
  const [teams, { refetch: refetchTeams }] = createResource(() => communityId() || false, api.teams);
  const [units, { refetch: refetchUnits }] = createResource(() => communityId() || false, volunteering.partnerUnits);
  const [status, setStatus] = createSignal("");
  const teamForm = createForm();
  const unitForm = createForm();
  const onTeam = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const done = await teamForm.submit(async () => {
      const leaderUserId = v.leaderPhone ? await leaderIdByPhone(v.leaderPhone) : null;
      await volunteering.createTeam(communityId(), { name: v.name ?? "", kind: v.kind ?? "", leaderUserId });
    });
    if (done) {
      setStatus(t("structure.created", { name: v.name ?? "" }));
      el.reset();
      await refetchTeams();
    }
  };
  /** Staff name the leader by mobile number, as they know people; the account list finds the id. */
  const leaderIdByPhone = async (phone: string): Promise<number> => {
    const found = (await api.accounts({ communityId: communityId(), q: phone })).items.find((a) => a.phone === phone);
    if (!found) throw new ApiError(404, "not_found", "leader_not_found", []);
    return found.id;
  };
  const onUnit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const input = {
      name: v.name ?? "",
      kind: v.kind as (typeof PARTNER_KINDS)[number],
      contactName: v.contactName || null,
      contactPhone: v.contactPhone || null,
    };
    if (await unitForm.submit(async () => void (await volunteering.createPartnerUnit(communityId(), input)))) {
      setStatus(t("structure.created", { name: input.name }));
      el.reset();
      await refetchUnits();
    }
  };
  return (
    <section>
      <h1>{t("volunteerNav.teams")}</h1>
      <label class="toolbar">
        <span>{t("structure.community")}</span>
        <select value={communityId()} onChange={(e) => setParams({ community: e.currentTarget.value })}>
          <For each={communities()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
        </select>
      </label>
      <p class="status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={communities.state === "ready" && communities().length === 0}>
        <p class="card">
          {t("accounts.noCommunity")} <A href="/admin/structure">{t("nav.structure")}</A>
        </p>
      </Show>
      <div class="cards">
        <div class="card">
          <h2>{t("team.title")}</h2>
          <Show when={canManage()}>
            <BookLinks href={(format, lang) => booksApi.teams(communityId(), format, lang)} />
          </Show>
          <ul class="plain">
            <For each={teams()}>
              {(team) => (
                <li>
                  <A href={`/teams/${team.id}`}>{team.name}</A> <span class="muted">{team.kind}</span>
                </li>
              )}
            </For>
          </ul>
          <Show when={canManage()}>
            <h3>{t("team.create")}</h3>
            <form onSubmit={onTeam} novalidate>
              <Field label={t("team.name")} name="name" maxLength={50} error={teamForm.error("name")} />
              {/* A type from the usual list, or the community's own (e.g. 巾帼, 六色花). */}
              <Field
                label={t("team.kind")}
                name="kind"
                list="team-kinds"
                maxLength={20}
                error={teamForm.error("kind")}
              />
              <datalist id="team-kinds">
                <For each={TEAM_KINDS}>{(k) => <option value={k} />}</For>
              </datalist>
              <Field
                label={t("team.leader")}
                name="leaderPhone"
                type="tel"
                inputmode="numeric"
                maxLength={11}
                error={teamForm.error("leaderUserId")}
              />
              <FormError message={teamForm.formError()} />
              <button type="submit" class="primary">
                {t("team.create")}
              </button>
            </form>
          </Show>
        </div>
        <div class="card">
          <h2>{t("partner.title")}</h2>
          <Show when={canManage()}>
            <BookLinks href={(format, lang) => booksApi.partners(communityId(), format, lang)} />
          </Show>
          <ul class="plain">
            <For each={units()?.items}>
              {(u) => (
                <li>
                  <A href={`/partners/${u.id}`}>{u.name}</A> <span class="muted">{t(`partnerKinds.${u.kind}`)}</span>
                </li>
              )}
            </For>
          </ul>
          <Show when={canManage()}>
            <h3>{t("partner.create")}</h3>
            <form onSubmit={onUnit} novalidate>
              <Field label={t("partner.name")} name="name" maxLength={60} error={unitForm.error("name")} />
              <SelectField label={t("partner.kind")} name="kind">
                <For each={PARTNER_KINDS}>{(k) => <option value={k}>{t(`partnerKinds.${k}`)}</option>}</For>
              </SelectField>
              <Field
                label={t("partner.contactName")}
                name="contactName"
                maxLength={30}
                error={unitForm.error("contactName")}
              />
              <Field
                label={t("partner.contactPhone")}
                name="contactPhone"
                type="tel"
                maxLength={11}
                error={unitForm.error("contactPhone")}
              />
              <FormError message={unitForm.formError()} />
              <button type="submit" class="primary">
                {t("partner.create")}
              </button>
            </form>
          </Show>
        </div>
      </div>
    </section>
  );
}
