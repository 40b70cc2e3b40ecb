import { A, useSearchParams } from "@solidjs/router";
import { For, Show, createMemo, createResource, createSignal } from "solid-js";
import { FormError } from "../components/Field";
import { createForm, formValues } from "../lib/form";
import { api, booksApi, volunteering } from "../lib/api";
import { BookLinks } from "../components/BookLinks";
import { addPageTexts, errorText, t } from "../lib/i18n";
import { zhPages } from "../i18n/zh-pages";
import { communitiesWith, hasRole } from "../lib/session";
import { must } from "@tongxin/core";

addPageTexts(zhPages);

/** Staff extend the skill catalogue (手语, 电脑维修, …). */
function SkillForm(props: { communityId: number; onAdded: () => unknown }) {
  const form = createForm();
  const [added, setAdded] = createSignal("");
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const name = formValues(el).skill ?? "";
    if (await form.submit(async () => void (await volunteering.addSkill({ name, communityId: props.communityId })))) {
      setAdded(t("structure.created", { name }));
      el.reset();
      await props.onAdded();
    }
  };
  return (
    <form class="inline-form" onSubmit={onSubmit} aria-label={t("search.addSkill")}>
      <label>
        <span>{t("search.addSkill")}</span>
        <input name="skill" maxLength={30} />
      </label>
      <button type="submit" class="small">
        {t("structure.save")}
      </button>
      <FormError message={form.formError()} />
      <span class="status" role="status">
        {added()}
      </span>
    </form>
  );
}

/** Staff find volunteers by name or pinyin initials (zs → 张三), skill and grid. */
export default function VolunteerSearch() {
  const [params, setParams] = useSearchParams<{ community?: string; q?: string; skill?: string; grid?: string }>();
  const [communities] = createResource(api.communities);
  const mine = () => communitiesWith("communityStaff", "gridWorker");
  const choices = createMemo(() =>
    (communities() ?? []).filter((c) => hasRole("streetAdmin") || mine().includes(c.id)),
  );
  const communityId = createMemo(() => Number(params.community) || choices()[0]?.id || 0);
  const [skills, { refetch: refetchSkills }] = createResource(volunteering.skills);
  const [grids] = createResource(
    () => communityId() || false,
    (id) => api.grids(id),
  );
  const query = () =>
    communityId()
      ? {
          communityId: communityId(),
          q: params.q,
          skillId: Number(params.skill) || undefined,
          gridId: Number(params.grid) || undefined,
        }
      : false;
  const [results] = createResource(query, volunteering.search);
  return (
    <section>
      <h1>{t("search.title")}</h1>
      <form
        class="toolbar"
        onSubmit={(e) => (
          e.preventDefault(), setParams({ q: String(new FormData(e.currentTarget).get("q") ?? "") || undefined })
        )}
      >
        <label>
          <span>{t("structure.community")}</span>
          <select
            value={communityId()}
            onChange={(e) => setParams({ community: e.currentTarget.value, grid: undefined })}
          >
            <For each={choices()}>{(c) => <option value={c.id}>{c.name}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t("fields.name")}</span>
          <input name="q" value={params.q ?? ""} maxLength={30} placeholder="zs" />
        </label>
        <label>
          <span>{t("activities.filterSkill")}</span>
          <select value={params.skill ?? ""} onChange={(e) => setParams({ skill: e.currentTarget.value || undefined })}>
            <option value="">{t("activities.all")}</option>
            <For each={skills()?.items}>{(s) => <option value={s.id}>{s.name}</option>}</For>
          </select>
        </label>
        <label>
          <span>{t("accounts.chooseGrid")}</span>
          <select value={params.grid ?? ""} onChange={(e) => setParams({ grid: e.currentTarget.value || undefined })}>
            <option value="">{t("activities.all")}</option>
            <For each={grids()}>{(g) => <option value={g.id}>{`${"　".repeat(g.level - 1)}${g.name}`}</option>}</For>
          </select>
        </label>
        <button type="submit">{t("accounts.search")}</button>
      </form>
      <p class="muted">{t("search.hint")}</p>
      <Show when={query()}>
        {(q) => (
          <BookLinks
            href={(format, lang) =>
              booksApi.volunteers(
                {
                  communityId: String(q().communityId),
                  q: q().q,
                  skillId: q().skillId?.toString(),
                  gridId: q().gridId?.toString(),
                },
                format,
                lang,
              )
            }
          />
        )}
      </Show>
      <Show when={hasRole("streetAdmin", "communityStaff")}>
        <SkillForm communityId={communityId()} onAdded={refetchSkills} />
      </Show>
      <Show when={results.error}>
        <p class="form-error">{errorText(results.error)}</p>
      </Show>
      <ul class="plain" aria-label={t("search.results")}>
        <For each={results()?.items} fallback={<li class="muted">{t("accounts.none")}</li>}>
          {(v) => (
            <li class="card row">
              <A href={`/volunteers/${v.id}/record`}>
                <strong>{v.name}</strong>
              </A>
              <a href={`tel:${v.phone}`}>{v.phone}</a>
              <For each={v.skills}>{(s) => <span class="chip">{s}</span>}</For>
              <Show when={v.partyStatus}>
                <span class="badge">{t(`partyStatus.${must(v.partyStatus)}`)}</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
