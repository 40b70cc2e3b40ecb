import { For, createEffect, createSignal, onCleanup, onMount, type JSX } from "solid-js";
import type { ChartOption } from "../lib/echarts";

export type { ChartOption };
type ECharts = typeof import("../lib/echarts");

/**
 * One ECharts chart, loaded on first use (its own chunk: resident pages never fetch it) and resized with its box.
 * The drawing is hidden from screen readers; `alternative` (a table of the same numbers) stands in for it.
 */
export function Chart(props: { option: ChartOption; class: string; alternative: JSX.Element; height?: number }) {
  let box!: HTMLDivElement;
  const [echarts, setEcharts] = createSignal<ECharts>();
  onMount(() => {
    let chart: ReturnType<ECharts["init"]> | undefined;
    // A chunk that fails to load leaves the table: the numbers are still there.
    import("../lib/echarts").then(setEcharts, () => undefined);
    createEffect(() => {
      const lib = echarts();
      if (!lib) return;
      chart ??= lib.init(box, undefined, { renderer: "svg" });
      chart.setOption(props.option, { notMerge: true });
    });
    const observer = new ResizeObserver(() => chart?.resize());
    observer.observe(box);
    onCleanup(() => {
      observer.disconnect();
      chart?.dispose();
    });
  });
  return (
    <>
      <div
        ref={box}
        class={props.class}
        style={props.height ? { height: `${props.height}px` } : undefined}
        aria-hidden="true"
        data-chart
      />
      {props.alternative}
    </>
  );
}

/** A chart's numbers as a table for screen readers: one row per label. */
export function ChartTable(props: { caption: string; head: string[]; rows: { label: string; values: string[] }[] }) {
  return (
    <table class="sr-only">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <For each={props.head}>{(h) => <th scope="col">{h}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(row) => (
            <tr>
              <th scope="row">{row.label}</th>
              <For each={row.values}>{(v) => <td>{v}</td>}</For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
