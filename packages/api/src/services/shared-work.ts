/**
 * Work that readers may share: callers asking for the same key while it runs get the same promise, and at most
 * `runningMax` keys run at once (the rest wait their turn), so a burst of costly readings of one place, or of
 * many, costs what one or a few do and leaves the event loop to other requests. Nothing is kept after it settles:
 * an instance holds no state between requests.
 */
export function sharedWork<T>(runningMax: number) {
  const inFlight = new Map<string, Promise<T>>();
  const waiting: (() => void)[] = [];
  let running = 0;
  const turn = async () => {
    if (running >= runningMax) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
  };
  const done = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return (key: string, work: () => Promise<T>): Promise<T> => {
    const known = inFlight.get(key);
    if (known) return known;
    const started = (async () => {
      await turn();
      try {
        return await work();
      } finally {
        done();
        inFlight.delete(key);
      }
    })();
    inFlight.set(key, started);
    return started;
  };
}
