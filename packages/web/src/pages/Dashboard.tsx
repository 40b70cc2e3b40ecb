import { A, Navigate, useParams, useSearchParams } from "@solidjs/router";
import { For, Show, createMemo, createResource, createSignal } from "solid-js";
import type { Indicator } from "@tongxin/core";
import { CareCounts } from "../components/CareCounts";
import { Chart, ChartTable } from "../components/Chart";
import { WallLinks } from "../components/WallLinks";
import { WarningsList } from "../components/WarningsList";
import { type WallPlace, dashboardsApi } from "../lib/api";
import { PAGE_LOOK, barOption, trendOption } from "../lib/chart-options";
import { addPageTexts, t } from "../lib/i18n";
import { type BreakdownDim, byArea, dimsOf, formatValue, monthLabel } from "../lib/indicators";
import { type Place, type PlaceNames, dashboardPath, ownPlace, placeNames, placeOf, wallPath } from "../lib/places";
import { communitiesWith, hasRole, me } from "../lib/session";
import { formatTime } from "../lib/time";
import { zhFigures } from "../i18n/zh-figures";
import "./dashboard.css";

addPageTexts(zhFigures);

/** A breakdown's group in words: a community's or grid's name, a category, a level, a phase. */
function groupLabel(names: PlaceNames | undefined, dim: BreakdownDim, key: string): string {
  if (key === "") return t("dashboard.unassigned");
  if (dim === "community" || dim === "grid")
    return names?.[dim].get(key) ?? t("dashboard.place", { dim: t(`dashboard.dims.${dim}`), id: key });
  if (dim === "level") return t(`levels.${key as "grid"}`);
  if (dim === "category") return t(`requestCategories.${key as "other"}`);
  return t(`ratings.status.${key as "draft"}`);
}

/** The indicator's name, with its definition shown on hover, on focus and on tap (and read with the name). */
function Term(props: { indicator: Indicator }) {
  const [hovered, setHovered] = createSignal(false);
  const [focused, setFocused] = createSignal(false);
  const id = () => `definition-${props.indicator.key}`;
  return (
    <div class="term" onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
      <h3>
        <button
          type="button"
          class="link term-button"
          aria-describedby={id()}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onClick={() => setFocused(true)}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setFocused(false);
              setHovered(false);
            }
          }}
        >
          {t(`indicator.${props.indicator.key}`)}
          <span class="term-mark" aria-hidden="true">
            ⓘ
          </span>
        </button>
      </h3>
      <p id={id()} role="tooltip" class="definition" hidden={!(hovered() || focused())}>
        {t(`indicatorDefinition.${props.indicator.key}`)}
      </p>
    </div>
  );
}

/** The indicator's split as bars, by one group at a time (buttons choose it when there are several). */
function Breakdown(props: { indicator: Indicator; names: PlaceNames | undefined }) {
  const dims = () => dimsOf(props.indicator);
  const [chosen, setChosen] = createSignal<BreakdownDim>();
  const dim = () => chosen() ?? dims()[0];
  const rows = () => {
    const d = dim();
    return d
      ? (props.indicator.breakdown?.[d] ?? []).map((g) => ({
          label: groupLabel(props.names, d, g.key),
          value: g.value,
        }))
      : [];
  };
  const format = (v: number | null) => formatValue(props.indicator.unit, v);
  const name = () => t(`indicator.${props.indicator.key}`);
  return (
    <Show when={dim()}>
      {(d) => (
        <div class="breakdown">
          <Show when={dims().length > 1}>
            <div class="actions" role="group" aria-label={`${name()} · ${t("dashboard.splitBy")}`}>
              <For each={dims()}>
                {(option) => (
                  <button type="button" aria-pressed={option === d()} onClick={() => setChosen(option)}>
                    {t(`dashboard.dims.${option}`)}
                  </button>
                )}
              </For>
            </div>
          </Show>
          <Chart
            class="chart chart-bars"
            height={rows().length * 32 + 24}
            option={barOption(rows(), format, PAGE_LOOK)}
            alternative={
              <ChartTable
                caption={t("dashboard.breakdown", { name: name(), dim: t(`dashboard.dims.${d()}`) })}
                head={[t(`dashboard.dims.${d()}`), t("dashboard.value")]}
                rows={rows().map((r) => ({ label: r.label, values: [format(r.value)] }))}
              />
            }
          />
        </div>
      )}
    </Show>
  );
}

/** One indicator: name and definition, value in its unit, its 12 months, its split. */
function IndicatorCard(props: { indicator: Indicator; names: PlaceNames | undefined }) {
  const format = (v: number | null) => formatValue(props.indicator.unit, v);
  const months = () => props.indicator.trend.map((p) => monthLabel(p.month));
  const name = () => t(`indicator.${props.indicator.key}`);
  return (
    <article class="card indicator" data-indicator={props.indicator.key}>
      <Term indicator={props.indicator} />
      <p class="figure">{format(props.indicator.value)}</p>
      <Show when={props.indicator.trend.length > 0}>
        <Chart
          class="chart chart-trend"
          option={trendOption(
            months(),
            [{ name: name(), values: props.indicator.trend.map((p) => p.value) }],
            format,
            PAGE_LOOK,
          )}
          alternative={
            <ChartTable
              caption={t("dashboard.trend", { name: name() })}
              head={[t("dashboard.month"), t("dashboard.value")]}
              rows={props.indicator.trend.map((p, i) => ({ label: months()[i] ?? p.month, values: [format(p.value)] }))}
            />
          }
        />
      </Show>
      <Breakdown indicator={props.indicator} names={props.names} />
    </article>
  );
}

/** A street's or community's wall may be opened by a link; a grid has no wall of its own. */
const wallPlaceOf = (place: Place): WallPlace | null =>
  place.kind === "grid" ? null : { kind: place.kind, id: place.id };

/** The care counts' place, for those who read them: the street admin the street's, community staff their community's. */
function careCountPlace(place: Place) {
  if (place.kind === "street" && hasRole("streetAdmin")) return { kind: "street" as const, id: place.id };
  if (place.kind === "community" && communitiesWith("communityStaff").includes(place.id))
    return { kind: "community" as const, id: place.id };
  return null;
}

/** 红色汇治: a street's, community's or grid's indicators by area, each with its definition, trend and split. */
export default function Dashboard() {
  const params = useParams<{ kind: string; id: string }>();
  const [search] = useSearchParams<{ community?: string }>();
  const place = createMemo(() => placeOf(params.kind, params.id));
  const [board] = createResource(place, (p) => dashboardsApi.show(p.kind, p.id));
  // Names only label the figures: without them the groups show by number, and the page still works.
  const [names] = createResource(place, (p) =>
    placeNames(p, me(), Number(search.community) || undefined).catch(() => undefined),
  );
  return (
    <Show when={place()} fallback={<Navigate href="/dashboard" />}>
      {(p) => (
        <section class="dashboard">
          {/* The heading at once: the figures may take a moment on a busy phone. */}
          <h1>
            {t("dashboard.title")}
            <Show when={names()?.title}>{(title) => ` · ${title()}`}</Show>
          </h1>
          <Show when={board()} fallback={<p>{t("common.loading")}</p>}>
            {(b) => (
              <>
                <div class="row spread">
                  <p class="muted">{t("dashboard.asOf", { time: formatTime(b().asOf) })}</p>
                  <A class="button" href={wallPath(p())}>
                    {t("dashboard.wall")}
                  </A>
                </div>
                <Show when={(names()?.children.length ?? 0) > 0}>
                  <nav aria-label={p().kind === "street" ? t("dashboard.communities") : t("dashboard.grids")}>
                    <ul class="plain place-links">
                      <For each={names()?.children}>
                        {(child) => (
                          <li>
                            <A href={child.href}>{child.name}</A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </nav>
                </Show>
                {/* 预警 first: what needs someone now comes before how the month went. */}
                <section class="area" aria-labelledby="area-warnings">
                  <h2 id="area-warnings">{t("warnings.title")}</h2>
                  <WarningsList place={{ scope: p().kind, id: p().id }} />
                </section>
                <Show when={careCountPlace(p())}>{(care) => <CareCounts place={care()} />}</Show>
                <For each={byArea(b().indicators)} fallback={<p>{t("dashboard.empty")}</p>}>
                  {(group) => (
                    <section class="area" aria-labelledby={`area-${group.area}`}>
                      <h2 id={`area-${group.area}`}>{t(`dashboard.areas.${group.area}`)}</h2>
                      <div class="indicator-cards">
                        <For each={group.indicators}>
                          {(indicator) => <IndicatorCard indicator={indicator} names={names()} />}
                        </For>
                      </div>
                    </section>
                  )}
                </For>
                <Show when={wallPlaceOf(p())}>{(wall) => <WallLinks place={wall()} />}</Show>
              </>
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}

/** /dashboard: the user's own scope's dashboard, or a refusal for those without one. */
export function OwnDashboard() {
  const own = () => ownPlace(me());
  return (
    <Show when={own()} fallback={<Navigate href="/" />}>
      {(p) => <Navigate href={dashboardPath(p())} />}
    </Show>
  );
}
