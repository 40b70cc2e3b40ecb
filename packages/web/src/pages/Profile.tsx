import { A } from "@solidjs/router";
import { For, Index, Show, createEffect, createResource, createSignal } from "solid-js";
import { PARTY_STATUSES, must } from "@tongxin/core";
import { Channels } from "../components/Channels";
import { FormError, SelectField } from "../components/Field";
import { ApiError, api, volunteering, type ProfileInput } from "../lib/api";
import { createForm } from "../lib/form";
import { addPageTexts, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { me, refreshMe } from "../lib/session";

addPageTexts(zhPages);

type Window = { weekday: number; start: string; end: string };
const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** A resident becomes a volunteer here: skills, free time, grid, Party membership, partner unit, consent; and anyone chooses SMS or WeChat reminders. */
export default function Profile() {
  const communityId = () => me()?.user.communityId ?? 0;
  const [profile] = createResource(async () => {
    try {
      return await volunteering.myProfile();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  });
  const [skills] = createResource(volunteering.skills);
  const [grids] = createResource(
    () => communityId() || false,
    (id) => api.grids(id),
  );
  const [units] = createResource(() => communityId() || false, volunteering.partnerUnits);
  const [chosen, setChosen] = createSignal<number[]>([]);
  const [windows, setWindows] = createSignal<Window[]>([]);
  const [saved, setSaved] = createSignal(false);
  createEffect(() => {
    const p = profile();
    if (!p) return;
    setChosen(p.skills.map((s) => s.id));
    setWindows(
      p.availability.map((w) => ({ weekday: w.weekday, start: toHhmm(w.startMinute), end: toHhmm(w.endMinute) })),
    );
  });
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const input: ProfileInput = {
      homeGridId: Number(data.get("homeGridId")) || null,
      skillIds: chosen(),
      availability: windows().map((w) => ({
        weekday: w.weekday,
        startMinute: toMinutes(w.start),
        endMinute: toMinutes(w.end),
      })),
      partyStatus: (String(data.get("partyStatus")) || null) as ProfileInput["partyStatus"],
      partnerUnitId: Number(data.get("partnerUnitId")) || null,
      publicNameConsent: data.get("consent") === "on",
    };
    setSaved(false);
    if (await form.submit(async () => void (await volunteering.saveProfile(input)))) {
      setSaved(true);
      await refreshMe();
    }
  };
  const edit = (i: number, patch: Partial<Window>) =>
    setWindows(windows().map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <>
      <section class="card narrow wide">
        <h1>{t("profile.title")}</h1>
        <p class="muted">{t("profile.intro")}</p>
        <Show when={me()}>
          <p>
            <A href={`/volunteers/${must(me()).user.id}/record`}>{t("profile.record")}</A>
          </p>
        </Show>
        <Show when={!profile.loading}>
          <form onSubmit={onSubmit} novalidate>
            <SelectField label={t("profile.homeGrid")} name="homeGridId" value={profile()?.homeGridId ?? ""}>
              <option value="">{t("profile.noGrid")}</option>
              <For each={grids()}>{(g) => <option value={g.id}>{`${"　".repeat(g.level - 1)}${g.name}`}</option>}</For>
            </SelectField>
            <fieldset>
              <legend>{t("profile.skills")}</legend>
              <div class="checks">
                <For each={skills()?.items}>
                  {(s) => (
                    <label class="check">
                      <input
                        type="checkbox"
                        checked={chosen().includes(s.id)}
                        onChange={(e) =>
                          setChosen(
                            e.currentTarget.checked ? [...chosen(), s.id] : chosen().filter((id) => id !== s.id),
                          )
                        }
                      />
                      <span>{s.name}</span>
                    </label>
                  )}
                </For>
              </div>
            </fieldset>
            <fieldset>
              <legend>{t("profile.availability")}</legend>
              <Index each={windows()}>
                {(w, i) => (
                  <div class="row">
                    <label class="stacked">
                      <span>{t("profile.weekday")}</span>
                      <select value={w().weekday} onChange={(e) => edit(i, { weekday: Number(e.currentTarget.value) })}>
                        <For each={[1, 2, 3, 4, 5, 6, 7]}>
                          {(d) => <option value={d}>{t(`weekdays.${d}` as "weekdays.1")}</option>}
                        </For>
                      </select>
                    </label>
                    <label class="stacked">
                      <span>{t("create.start")}</span>
                      <input type="time" value={w().start} onInput={(e) => edit(i, { start: e.currentTarget.value })} />
                    </label>
                    <label class="stacked">
                      <span>{t("create.end")}</span>
                      <input type="time" value={w().end} onInput={(e) => edit(i, { end: e.currentTarget.value })} />
                    </label>
                    <button type="button" class="small" onClick={() => setWindows(windows().filter((_, j) => j !== i))}>
                      {t("create.removeShift")}
                    </button>
                  </div>
                )}
              </Index>
              <button
                type="button"
                onClick={() => setWindows([...windows(), { weekday: 6, start: "09:00", end: "12:00" }])}
              >
                {t("profile.addWindow")}
              </button>
            </fieldset>
            <SelectField label={t("profile.party")} name="partyStatus" value={profile()?.partyStatus ?? ""}>
              <option value="">{t("partyStatus.none")}</option>
              <For each={PARTY_STATUSES}>{(p) => <option value={p}>{t(`partyStatus.${p}`)}</option>}</For>
            </SelectField>
            <SelectField label={t("profile.partner")} name="partnerUnitId" value={profile()?.partnerUnitId ?? ""}>
              <option value="">{t("profile.noPartner")}</option>
              <For each={units()?.items}>{(u) => <option value={u.id}>{u.name}</option>}</For>
            </SelectField>
            <label class="check">
              <input type="checkbox" name="consent" checked={profile()?.publicNameConsent ?? false} />
              <span>{t("profile.consent")}</span>
            </label>
            <FormError message={form.formError()} />
            <Show when={saved()}>
              <p class="notice" role="status">
                {t("profile.saved")}
              </p>
            </Show>
            <button type="submit" class="primary" disabled={form.busy()}>
              {t("profile.save")}
            </button>
          </form>
        </Show>
      </section>
      <Channels />
    </>
  );
}
