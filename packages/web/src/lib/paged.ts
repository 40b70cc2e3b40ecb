import { createResource, createSignal } from "solid-js";

type Page<T> = { items: T[]; nextCursor: string | null };
export type PagedList<T> = {
  items: () => T[];
  loaded: () => boolean;
  error: () => unknown;
  hasMore: () => boolean;
  loadMore: () => Promise<void>;
};

/**
 * A cursor-paged list: the first page loads whenever `source` changes, "more"
 * appends the next one. `source` returning false or undefined loads nothing.
 */
export function createPagedList<S, T>(
  source: () => S | false | undefined,
  fetchPage: (source: S, cursor?: string) => Promise<Page<T>>,
): PagedList<T> {
  const [more, setMore] = createSignal<T[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [first] = createResource(source, async (s) => {
    const page = await fetchPage(s);
    setMore([]);
    setCursor(page.nextCursor);
    return page.items;
  });
  const loadMore = async () => {
    const s = source();
    const from = cursor();
    if (!s || !from) return;
    const page = await fetchPage(s, from);
    setMore([...more(), ...page.items]);
    setCursor(page.nextCursor);
  };
  return {
    items: () => [...(first() ?? []), ...more()],
    loaded: () => first() !== undefined,
    error: () => first.error as unknown,
    hasMore: () => cursor() !== null,
    loadMore,
  };
}
