import { createSignal } from "solid-js";

const KEY = "tongxin.largeText";
const [largeText, setLargeTextSignal] = createSignal(
  typeof localStorage !== "undefined" && localStorage.getItem(KEY) === "1",
);

/** Large-text mode for elderly users: scales every rem-based size on the page. */
export function applyLargeText(on: boolean): void {
  setLargeTextSignal(on);
  localStorage.setItem(KEY, on ? "1" : "0");
  document.documentElement.classList.toggle("large-text", on);
}

export { largeText };
