import { zhPages } from "../i18n/zh-pages";

/**
 * The service worker's registration, the update banner 有新版本 · 刷新 and the manifest's language. Loaded by the page
 * after its first paint (index.tsx) and written with the DOM alone, its texts and translator handed in: importing the
 * app's modules from here would make the bundler split the first page's code into more files, and the first page is
 * on a budget (server.build.test.ts).
 */
type Translate = (key: "update.ready" | "update.reload") => unknown;
type UpdateTexts = { update: string; reload: string };

/** The banner for a new version's worker, waiting: the button lets it take over, and the page reloads under it. */
function showBanner(worker: ServiceWorker, texts: UpdateTexts): void {
  if (document.querySelector(".update-banner")) return;
  const banner = document.createElement("aside");
  banner.className = "update-banner";
  // Styled here rather than in styles.css, which every first page downloads.
  banner.style.cssText =
    "position:fixed;inset:auto 0 0;z-index:30;display:flex;flex-wrap:wrap;align-items:center;justify-content:center;" +
    "gap:.5rem 1rem;padding:.5rem 1rem;background:var(--ink);color:#fff";
  banner.setAttribute("aria-label", texts.update);
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  status.textContent = texts.update;
  status.style.margin = "0";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "primary";
  // The app's primary button (44 px high, red), its own width.
  button.style.cssText = "width:auto;margin:0;border-color:#fff";
  button.textContent = texts.reload;
  button.addEventListener("click", () => {
    navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
    worker.postMessage({ type: "SKIP_WAITING" });
  });
  banner.append(status, button);
  document.body.append(banner);
}

/** Installed from an English page, the app is named in English on the phone: the manifest follows the page's lang. */
function followLanguage(): void {
  const link = document.querySelector('link[rel="manifest"]');
  const follow = () =>
    link?.setAttribute(
      "href",
      document.documentElement.lang === "en" ? "/manifest.en.webmanifest" : "/manifest.webmanifest",
    );
  follow();
  new MutationObserver(follow).observe(document.documentElement, { attributeFilter: ["lang"] });
}

/**
 * Registers the worker (sw.js, built with the app) and watches for a new version: found at a visit, or every hour on
 * a page left open. The first worker takes the page by itself (no controller yet: nothing to offer). The banner's
 * texts are read when it shows, in the language of that moment.
 */
export async function startWorker(t: Translate, addPageTexts: (texts: typeof zhPages) => void): Promise<void> {
  addPageTexts(zhPages);
  followLanguage();
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  const offer = (worker: ServiceWorker | null) => {
    if (worker && navigator.serviceWorker.controller)
      showBanner(worker, { update: String(t("update.ready")), reload: String(t("update.reload")) });
  };
  // A worker already waiting was found at an earlier visit: the new version is ready now.
  offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    installing?.addEventListener("statechange", () => {
      if (installing.state === "installed") offer(installing);
    });
  });
  setInterval(() => void registration.update().catch(() => undefined), 3_600_000);
}
