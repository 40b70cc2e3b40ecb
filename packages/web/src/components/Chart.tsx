import { For, createEffect, createSignal, onCleanup, onMount, type JSX } from "solid-js";
import type { ChartOption } from "../lib/echarts";

export type { ChartOption };
type ECharts = typeof import("../lib/echarts");

/**
 * One ECharts chart, loaded when it comes near the screen (its own chunk: resident pages never fetch it) and resized
 * with its box.
 * The drawing is hidden from screen readers; `alternative` (a table of the same numbers) stands in for it.
 */
export function Chart(props: { option: ChartOption; class: string; alternative: JSX.Element; height?: number }) {
  let box!: HTMLDivElement;
  const [echarts, setEcharts] = createSignal<ECharts>();
  onMount(() => {
    let chart: ReturnType<ECharts["init"]> | undefined;
    // Drawn when near the screen: forty charts drawn at once held a phone's page for seconds.
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        near.disconnect();
        // A chunk that fails to load leaves the table: the numbers are still there.
        import("../lib/echarts").then(setEcharts, () => undefined);
      },
      { rootMargin: "50% 0px" },
    );
    near.observe(box);
    createEffect(() => {
      const lib = echarts();
      if (!lib) return;
      chart ??= lib.init(box, undefined, { renderer: "svg" });
      chart.setOption(props.option, { notMerge: true });
    });
    // Resized on the next frame, once per frame: resizing inside the observer's callback could feed it again.
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => chart?.resize());
    });
    observer.observe(box);
    onCleanup(() => {
      near.disconnect();
      observer.disconnect();
      cancelAnimationFrame(frame);
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
