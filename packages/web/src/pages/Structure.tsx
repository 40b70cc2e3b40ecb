import { A, useSearchParams } from "@solidjs/router";
import { For, Show, createMemo, createResource, createSignal } from "solid-js";
import { NameForm } from "../components/NameForm";
import { api, type Building, type Grid, type UnitKind } from "../lib/api";
import { errorText, t } from "../lib/i18n";
import { communitiesWith, hasRole, me, streetIds } from "../lib/session";
import { must } from "@tongxin/core";

/** Which inline form is open: one at a time, keyed by what it acts on. */
type Editing = {
  action: "rename" | "addGrid" | "addBuilding" | "addHousehold" | "addCommunity";
  kind?: UnitKind;
  id?: number;
} | null;

export default function Structure() {
  const [params, setParams] = useSearchParams<{ community?: string }>();
  const [allCommunities, { refetch: refetchCommunities }] = createResource(api.communities);
  const communities = createMemo(() => {
    const mine = communitiesWith("communityStaff", "committeeMember", "gridWorker");
    return (allCommunities() ?? []).filter((c) => hasRole("streetAdmin") || mine.includes(c.id));
  });
  const communityId = createMemo(() => Number(params.community) || communities()[0]?.id || 0);
  const selectedCommunity = createMemo(() => communities().find((c) => c.id === communityId()));
  const canManage = createMemo(
    () => hasRole("streetAdmin") || communitiesWith("communityStaff").includes(communityId()),
  );
  // 民情账: the community's staff for every grid, a grid worker for their own (the API decides in full).
  const readsCare = (gridId: number) =>
    communitiesWith("communityStaff").includes(communityId()) ||
    (me()?.roles ?? []).some((r) => r.role === "gridWorker" && r.scopeId === gridId);
  const [showArchived, setShowArchived] = createSignal(false);
  const source = () => (communityId() ? { id: communityId(), archived: showArchived() && canManage() } : false);
  const [grids, { refetch: refetchGrids }] = createResource(source, (s) => api.grids(s.id, s.archived));
  const [buildings, { refetch: refetchBuildings }] = createResource(source, (s) => api.buildings(s.id, s.archived));
  const [editing, setEditing] = createSignal<Editing>(null);
  const [status, setStatus] = createSignal("");

  const after = async (message: string) => {
    setEditing(null);
    setStatus(message);
    await Promise.all([refetchGrids(), refetchBuildings()]);
  };
  const isEditing = (action: NonNullable<Editing>["action"], id?: number, kind?: UnitKind) =>
    editing()?.action === action && editing()?.id === id && editing()?.kind === kind;

  const archive = async (
    kind: UnitKind,
    unit: { id: number; name: string; version: number },
    onDone?: () => unknown,
  ) => {
    if (!window.confirm(t("structure.confirmArchive", { name: unit.name }))) return;
    try {
      await api.archive(kind, unit.id, { version: unit.version });
      await after(t("structure.archivedDone", { name: unit.name }));
      await onDone?.();
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  type UnitProps = {
    kind: UnitKind;
    unit: { id: number; name: string; version: number; archivedAt?: string | null };
    onDone?: () => unknown;
  };

  const UnitActions = (props: UnitProps) => (
    <Show when={canManage() && !props.unit.archivedAt}>
      <button
        type="button"
        class="small"
        onClick={() => setEditing({ action: "rename", kind: props.kind, id: props.unit.id })}
      >
        {t("structure.rename")}
      </button>
      <button type="button" class="small danger" onClick={() => archive(props.kind, props.unit, props.onDone)}>
        {t("structure.archive")}
      </button>
    </Show>
  );

  const RenameForm = (props: UnitProps) => (
    <Show when={isEditing("rename", props.unit.id, props.kind)}>
      <NameForm
        label={t("structure.rename")}
        initial={props.unit.name}
        onCancel={() => setEditing(null)}
        onSave={async (name) => {
          await api.rename(props.kind, props.unit.id, { name, version: props.unit.version });
          await after(t("structure.renamed", { name }));
          await props.onDone?.();
        }}
      />
    </Show>
  );

  const Households = (props: { building: Building }) => {
    const [open, setOpen] = createSignal(false);
    const [doors, { refetch }] = createResource(
      () => (open() ? props.building.id : false),
      (id) => api.households(id),
    );
    return (
      <>
        <button type="button" class="small" aria-expanded={open()} onClick={() => setOpen(!open())}>
          {t("structure.households")}
        </button>
        <Show when={open()}>
          <ul class="doors">
            <For
              each={doors()}
              fallback={<li class="muted">{doors.error ? errorText(doors.error) : t("structure.empty")}</li>}
            >
              {(door) => (
                <li>
                  <div class="row">
                    <span>{door.name}</span>
                    <UnitActions kind="household" unit={door} onDone={refetch} />
                  </div>
                  <RenameForm kind="household" unit={door} onDone={refetch} />
                </li>
              )}
            </For>
          </ul>
          <Show when={canManage()}>
            <Show
              when={isEditing("addHousehold", props.building.id)}
              fallback={
                <button
                  type="button"
                  class="small"
                  onClick={() => setEditing({ action: "addHousehold", id: props.building.id })}
                >
                  {t("structure.addHousehold")}
                </button>
              }
            >
              <NameForm
                label={t("structure.addHousehold")}
                onCancel={() => setEditing(null)}
                onSave={async (name) => {
                  await api.createHousehold(props.building.id, { name });
                  setEditing(null);
                  setStatus(t("structure.created", { name }));
                  await refetch();
                }}
              />
            </Show>
          </Show>
        </Show>
      </>
    );
  };

  const GridNode = (props: { grid: Grid }) => {
    const children = () => (grids() ?? []).filter((g) => g.parentId === props.grid.id);
    const gridBuildings = () => (buildings() ?? []).filter((b) => b.gridId === props.grid.id);
    return (
      <li class="grid-node" classList={{ archived: !!props.grid.archivedAt }}>
        <div class="row">
          <strong>{props.grid.name}</strong>
          <span class="badge">{t("structure.level", { level: props.grid.level })}</span>
          <Show when={props.grid.archivedAt}>
            <span class="badge muted">{t("structure.archived")}</span>
          </Show>
          <UnitActions kind="grid" unit={props.grid} />
          <Show when={readsCare(props.grid.id)}>
            <A class="button" href={`/grids/${props.grid.id}/care-book`}>
              {t("home.careBook")}
            </A>
          </Show>
          <Show when={canManage() && !props.grid.archivedAt}>
            <Show when={props.grid.level < 3}>
              <button type="button" class="small" onClick={() => setEditing({ action: "addGrid", id: props.grid.id })}>
                {t("structure.addChildGrid")}
              </button>
            </Show>
            <button
              type="button"
              class="small"
              onClick={() => setEditing({ action: "addBuilding", id: props.grid.id })}
            >
              {t("structure.addBuilding")}
            </button>
          </Show>
        </div>
        <RenameForm kind="grid" unit={props.grid} />
        <Show when={isEditing("addGrid", props.grid.id)}>
          <NameForm
            label={t("structure.addChildGrid")}
            onCancel={() => setEditing(null)}
            onSave={async (name) => {
              await api.createGrid(communityId(), { name, parentId: props.grid.id });
              await after(t("structure.created", { name }));
            }}
          />
        </Show>
        <Show when={isEditing("addBuilding", props.grid.id)}>
          <NameForm
            label={t("structure.addBuilding")}
            withEstate
            onCancel={() => setEditing(null)}
            onSave={async (name, estate) => {
              await api.createBuilding(props.grid.id, { name, estate: estate || null });
              await after(t("structure.created", { name }));
            }}
          />
        </Show>
        <Show when={gridBuildings().length > 0}>
          <ul class="buildings" aria-label={t("structure.buildings")}>
            <For each={gridBuildings()}>
              {(building) => (
                <li classList={{ archived: !!building.archivedAt }}>
                  <div class="row">
                    <span>{building.estate ? `${building.estate} · ${building.name}` : building.name}</span>
                    <UnitActions kind="building" unit={building} />
                    <Households building={building} />
                  </div>
                  <RenameForm kind="building" unit={building} />
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={children().length > 0}>
          <ul class="tree">
            <For each={children()}>{(child) => <GridNode grid={child} />}</For>
          </ul>
        </Show>
      </li>
    );
  };

  return (
    <section>
      <h1>{t("structure.title")}</h1>
      <div class="toolbar">
        <label>
          <span>{t("structure.community")}</span>
          <select value={communityId()} onChange={(e) => setParams({ community: e.currentTarget.value })}>
            <For each={communities()}>
              {(c) => <option value={c.id}>{t("common.aside", { text: c.name, note: t(`kinds.${c.kind}`) })}</option>}
            </For>
          </select>
        </label>
        <Show when={canManage()}>
          <label class="check">
            <input
              type="checkbox"
              checked={showArchived()}
              onChange={(e) => setShowArchived(e.currentTarget.checked)}
            />
            <span>{t("structure.showArchived")}</span>
          </label>
        </Show>
        <Show when={hasRole("streetAdmin")}>
          <Show when={selectedCommunity()}>
            {(c) => <UnitActions kind="community" unit={c()} onDone={refetchCommunities} />}
          </Show>
          <button type="button" onClick={() => setEditing({ action: "addCommunity" })}>
            {t("structure.addCommunity")}
          </button>
        </Show>
      </div>
      <Show when={selectedCommunity()}>
        {(c) => <RenameForm kind="community" unit={c()} onDone={refetchCommunities} />}
      </Show>
      <Show when={isEditing("addCommunity")}>
        <NameForm
          label={t("structure.addCommunity")}
          withKind
          onCancel={() => setEditing(null)}
          onSave={async (name, _estate, kind) => {
            const created = await api.createCommunity({ streetId: must(streetIds()[0]), name, kind });
            setEditing(null);
            await refetchCommunities();
            setParams({ community: String(created.id) });
            setStatus(t("structure.created", { name }));
          }}
        />
      </Show>
      <p class="status" role="status" aria-live="polite">
        {status()}
      </p>
      <Show when={!allCommunities.loading && communities().length === 0}>
        <p class="notice-card card">
          {hasRole("streetAdmin") ? t("structure.noCommunityYet") : t("structure.noCommunity")}
        </p>
      </Show>
      <Show when={selectedCommunity()}>
        <div class="card">
          <div class="row">
            <h2>{t("structure.grids")}</h2>
            <Show when={canManage()}>
              <button type="button" onClick={() => setEditing({ action: "addGrid" })}>
                {t("structure.addTopGrid")}
              </button>
            </Show>
          </div>
          <Show when={isEditing("addGrid")}>
            <NameForm
              label={t("structure.addTopGrid")}
              onCancel={() => setEditing(null)}
              onSave={async (name) => {
                await api.createGrid(communityId(), { name });
                await after(t("structure.created", { name }));
              }}
            />
          </Show>
          <Show when={!grids.loading} fallback={<p>{t("common.loading")}</p>}>
            <ul class="tree" aria-label={t("structure.grids")}>
              <For
                each={(grids() ?? []).filter((g) => g.parentId === null)}
                fallback={<li class="muted">{t("structure.empty")}</li>}
              >
                {(grid) => <GridNode grid={grid} />}
              </For>
            </ul>
          </Show>
        </div>
      </Show>
    </section>
  );
}
