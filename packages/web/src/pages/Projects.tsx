import { useParams } from "@solidjs/router";
import { For, Show, createResource, createSignal } from "solid-js";
import { Field, FormError } from "../components/Field";
import { requestsApi } from "../lib/api";
import { createForm, formValues } from "../lib/form";
import { errorText, t } from "../lib/i18n";
import { hasRole, me } from "../lib/session";
import { isMilestoneLate } from "@tongxin/core";
import { todayInShanghai } from "../lib/time";
import { milestonesOf } from "../lib/milestones";

/** 项目清单: projects with milestone progress; team leaders claim, holders report, staff confirm completion. */
/** Staff post a project with one milestone per line: "安装长椅 13", all due by the optional day given. */
function NewProject(props: { communityId: number; onDone: () => unknown }) {
  const form = createForm();
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const el = e.currentTarget as HTMLFormElement;
    const v = formValues(el);
    const milestones = milestonesOf(v.milestones ?? "", v.dueOn);
    if (
      await form.submit(
        async () =>
          void (await requestsApi.createProject(props.communityId, {
            title: v.title ?? "",
            description: v.description ?? "",
            milestones,
          })),
      )
    ) {
      el.reset();
      await props.onDone();
    }
  };
  return (
    <details class="card">
      <summary>{t("projects.new")}</summary>
      <form onSubmit={onSubmit} novalidate aria-label={t("projects.new")}>
        <Field label={t("create.activityTitle")} name="title" maxLength={80} error={form.error("title")} />
        <Field label={t("create.description")} name="description" maxLength={1000} />
        <div class="field">
          <label for="f-milestones">{t("projects.milestones")}</label>
          <textarea id="f-milestones" name="milestones" rows={3} placeholder="安装长椅 13" />
          <Show when={form.error("milestones")}>
            <small class="field-error">{form.error("milestones")}</small>
          </Show>
        </div>
        <Field label={t("projects.dueOn")} name="dueOn" type="date" hint={t("projects.dueOnHint")} />
        <FormError message={form.formError()} />
        <button type="submit" class="primary">
          {t("projects.new")}
        </button>
      </form>
    </details>
  );
}

export default function Projects() {
  const params = useParams<{ id: string }>();
  const communityId = () => Number(params.id);
  const [list, { refetch }] = createResource(communityId, requestsApi.projects);
  const [status, setStatus] = createSignal("");
  const myTeams = () =>
    me()
      ?.roles.filter((r) => r.role === "teamLeader")
      .map((r) => `team:${r.scopeId}`) ?? [];
  // A team claims only its own community's projects (core's scope rule).
  const teamsHere = () =>
    me()
      ?.roles.filter((r) => r.role === "teamLeader" && r.communityId === communityId())
      .map((r) => `team:${r.scopeId}`) ?? [];
  const run = async (message: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setStatus(message);
      await refetch();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <section>
      <h1>{t("projects.title")}</h1>
      <p class="status" role="status">
        {status()}
      </p>
      <Show when={hasRole("communityStaff", "streetAdmin")}>
        <NewProject communityId={communityId()} onDone={refetch} />
      </Show>
      <Show when={list.error}>
        <p class="form-error">{errorText(list.error)}</p>
      </Show>
      <ul class="plain" aria-label={t("projects.title")}>
        <For each={list()?.items} fallback={<li class="muted">{t("projects.none")}</li>}>
          {(p) => (
            <li class="card project">
              <h2>{p.title}</h2>
              <p class="muted">{p.description}</p>
              <div class="row">
                <span class="badge">{t(`projects.status.${p.status}`)}</span>
                <Show when={p.holder}>
                  <span>{t("common.labelled", { label: t("projects.holder"), value: p.holder ?? "" })}</span>
                </Show>
                <Show when={p.status === "open" && teamsHere()[0]}>
                  {(key) => (
                    <button
                      type="button"
                      class="small"
                      onClick={() => run(t("projects.claimed"), () => requestsApi.claimProject(p.id, key()))}
                    >
                      {t("projects.claim")}
                    </button>
                  )}
                </Show>
                <Show when={p.status === "claimed" && hasRole("communityStaff", "streetAdmin")}>
                  <button
                    type="button"
                    class="small"
                    onClick={() => run(t("projects.completed"), () => requestsApi.completeProject(p.id))}
                  >
                    {t("projects.complete")}
                  </button>
                </Show>
              </div>
              <ul class="plain">
                <For each={p.milestones}>
                  {(m) => (
                    <li>
                      <label class="milestone">
                        <span>
                          {m.title} {m.progress}/{m.target}
                        </span>
                        <progress max={m.target} value={m.progress} />
                      </label>
                      <Show when={m.dueOn}>
                        {(dueOn) => (
                          <span class="row">
                            <span class="muted">{t("projects.due", { date: dueOn() })}</span>
                            <Show when={isMilestoneLate(m, p.status, todayInShanghai())}>
                              <span class="badge danger-badge">{t("projects.late")}</span>
                            </Show>
                          </span>
                        )}
                      </Show>
                      <Show
                        when={
                          p.status === "claimed" &&
                          p.holderKey !== null &&
                          myTeams().includes(p.holderKey) &&
                          m.progress < m.target
                        }
                      >
                        <button
                          type="button"
                          class="small"
                          onClick={() =>
                            run(t("projects.reported"), () => requestsApi.reportProgress(p.id, m.id, m.progress + 1))
                          }
                        >
                          {t("projects.plusOne")}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
