/**
 * After a client-side navigation, focus goes to the new page's heading (h1, tabindex=-1), so a screen
 * reader announces the new page and the next Tab starts in it, not back in the menu.
 * The new page's heading is told from the old one by having been added since the navigation: a page
 * may render at once (records still queued) or later (a lazy chunk, data loading). A page that keeps
 * its heading for new parameters gets it focused after a short wait.
 * Someone who has already moved into the page (typing in a field) keeps their place.
 */
export function headingFocus(main: HTMLElement, waitMs = 1500) {
  let waiting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const focus = (heading: HTMLElement | null) => {
    waiting = false;
    clearTimeout(timer);
    const active = document.activeElement;
    if (!heading || (active && active !== document.body && main.contains(active))) return;
    heading.tabIndex = -1;
    heading.focus();
  };
  const added = (records: MutationRecord[]): HTMLElement | null => {
    for (const node of records.flatMap((r) => [...r.addedNodes])) {
      if (!(node instanceof HTMLElement) || !node.isConnected) continue;
      const heading = node.matches("h1") ? node : node.querySelector("h1");
      if (heading) return heading;
    }
    return null;
  };
  const observer = new MutationObserver((records) => {
    const heading = waiting ? added(records) : null;
    if (heading) focus(heading);
  });
  observer.observe(main, { childList: true, subtree: true });
  return {
    navigated() {
      waiting = true;
      clearTimeout(timer);
      const heading = added(observer.takeRecords());
      if (heading) return focus(heading);
      timer = setTimeout(() => focus(main.querySelector("h1")), waitMs);
    },
    stop() {
      clearTimeout(timer);
      observer.disconnect();
    },
  };
}
