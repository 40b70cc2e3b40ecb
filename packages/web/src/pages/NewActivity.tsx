import { useNavigate, useSearchParams } from "@solidjs/router";
import { For, Index, Show, createMemo, createResource, createSignal } from "solid-js";
import { ACTIVITY_CATEGORIES, VISIBILITIES, must } from "@tongxin/core";
import { Field, FormError, SelectField } from "../components/Field";
import { api, volunteering, type ActivityInput } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { t } from "../lib/i18n";
import { hasRole, me } from "../lib/session";
import { shanghaiIso, todayInShanghai } from "../lib/time";

type ShiftDraft = { date: string; start: string; end: string; capacity: number; skillId: string };

export default function NewActivity() {
  const navigate = useNavigate();
  const [params] = useSearchParams<{ community?: string }>();
  const communityId = createMemo(() => Number(params.community) || me()?.user.communityId || 0);
  const [teams] = createResource(() => communityId() || false, api.teams);
  const [skills] = createResource(volunteering.skills);
  const ledTeams = () =>
    me()
      ?.roles.filter((r) => r.role === "teamLeader")
      .map((r) => r.scopeId) ?? [];
  const teamChoices = () =>
    hasRole("communityStaff", "streetAdmin")
      ? (teams() ?? [])
      : (teams() ?? []).filter((team) => ledTeams().includes(team.id));
  const [shifts, setShifts] = createSignal<ShiftDraft[]>([
    { date: todayInShanghai(), start: "09:00", end: "11:00", capacity: 10, skillId: "" },
  ]);
  const form = createForm();
  const editShift = (index: number, patch: Partial<ShiftDraft>) =>
    setShifts(shifts().map((s, i) => (i === index ? { ...s, ...patch } : s)));

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const v = formValues(e.currentTarget as HTMLFormElement);
    const input: ActivityInput = {
      communityId: communityId(),
      teamId: v.teamId ? Number(v.teamId) : null,
      title: v.title ?? "",
      description: v.description ?? "",
      category: v.category as ActivityInput["category"],
      place: v.place ?? "",
      visibility: v.visibility as ActivityInput["visibility"],
      shifts: shifts().map((s) => ({
        startsAt: shanghaiIso(s.date, s.start),
        endsAt: shanghaiIso(s.date, s.end),
        capacity: Number(s.capacity),
        requiredSkillIds: s.skillId ? [Number(s.skillId)] : [],
      })),
      repeatWeeks: Number(v.repeatWeeks) || 1,
    };
    let createdId = 0;
    if (await form.submit(async () => void (createdId = (await volunteering.createActivity(input)).id)))
      navigate(`/activities/${createdId}`);
  };

  return (
    <section class="card narrow wide">
      <h1>{t("create.title")}</h1>
      <form onSubmit={onSubmit} novalidate>
        <Field label={t("create.activityTitle")} name="title" maxLength={80} error={form.error("title")} />
        <div class="field">
          <label for="f-description">{t("create.description")}</label>
          <textarea id="f-description" name="description" maxLength={2000} rows={3} />
        </div>
        <SelectField label={t("create.category")} name="category">
          <For each={ACTIVITY_CATEGORIES}>{(c) => <option value={c}>{t(`categories.${c}`)}</option>}</For>
        </SelectField>
        <Field label={t("create.place")} name="place" maxLength={100} error={form.error("place")} />
        <SelectField label={t("create.team")} name="teamId">
          <Show when={hasRole("communityStaff", "streetAdmin")}>
            <option value="">{t("create.noTeam")}</option>
          </Show>
          <For each={teamChoices()}>{(team) => <option value={team.id}>{team.name}</option>}</For>
        </SelectField>
        <SelectField label={t("create.visibility")} name="visibility">
          <For each={VISIBILITIES}>{(vis) => <option value={vis}>{t(`visibility.${vis}`)}</option>}</For>
        </SelectField>
        <fieldset>
          <legend>{t("create.shifts")}</legend>
          <Index each={shifts()}>
            {(shift, i) => (
              <div class="shift-draft" role="group" aria-label={`${t("create.shifts")} ${i + 1}`}>
                <label>
                  <span>{t("create.date")}</span>
                  <input
                    type="date"
                    value={shift().date}
                    onInput={(e) => editShift(i, { date: e.currentTarget.value })}
                  />
                </label>
                <label>
                  <span>{t("create.start")}</span>
                  <input
                    type="time"
                    value={shift().start}
                    onInput={(e) => editShift(i, { start: e.currentTarget.value })}
                  />
                </label>
                <label>
                  <span>{t("create.end")}</span>
                  <input
                    type="time"
                    value={shift().end}
                    onInput={(e) => editShift(i, { end: e.currentTarget.value })}
                  />
                </label>
                <label>
                  <span>{t("create.capacity")}</span>
                  <input
                    type="number"
                    min="1"
                    max="500"
                    value={shift().capacity}
                    onInput={(e) => editShift(i, { capacity: Number(e.currentTarget.value) })}
                  />
                </label>
                <label>
                  <span>{t("create.skills")}</span>
                  <select value={shift().skillId} onChange={(e) => editShift(i, { skillId: e.currentTarget.value })}>
                    <option value="">—</option>
                    <For each={skills()?.items}>{(s) => <option value={s.id}>{s.name}</option>}</For>
                  </select>
                </label>
                <Show when={shifts().length > 1}>
                  <button type="button" class="small" onClick={() => setShifts(shifts().filter((_, j) => j !== i))}>
                    {t("create.removeShift")}
                  </button>
                </Show>
              </div>
            )}
          </Index>
          <button type="button" onClick={() => setShifts([...shifts(), { ...must(shifts()[shifts().length - 1]) }])}>
            {t("create.addShift")}
          </button>
        </fieldset>
        <Field
          label={t("create.repeatWeeks")}
          name="repeatWeeks"
          type="number"
          min="1"
          max="26"
          value="1"
          error={form.error("repeatWeeks")}
        />
        <FormError message={form.formError()} />
        <button type="submit" class="primary" disabled={form.busy()}>
          {t("create.submit")}
        </button>
      </form>
    </section>
  );
}
