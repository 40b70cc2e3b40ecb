import { createSignal } from "solid-js";
import { ApiError, volunteering } from "./api";
import { QUEUE_KEY } from "./queued-scans";

/**
 * Scans and typed codes wait on the phone until the server has them (issue 16): where
 * the activity is, the signal is often weak. Each keeps the time it was made, which the
 * server judges the code by, so a scan sent an hour late still counts at its own time.
 * Kept in localStorage per person, so a phone shared in a family never sends one
 * person's scan under another's session.
 */
export type QueuedScan = {
  id: string;
  userId: number;
  shiftId?: number | undefined;
  token?: string | undefined;
  code?: string | undefined;
  scannedAtMs: number;
  /** waiting: not yet answered; refused: the server said no (kept until read). */
  state: "waiting" | "refused";
  error?: { status: number; code: string; reason: string | undefined } | undefined;
};

type ScanResult = Awaited<ReturnType<typeof volunteering.scan>>;
/** The server took the scan, or had taken this very code from this person before (a reload, a resend). */
export type ScanAnswer = { result: ScanResult } | { alreadyUsed: true };

/** Retried this often while something waits, besides when the browser says it is back online. */
const RETRY_MS = 15_000;

function read(): QueuedScan[] {
  try {
    const stored = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? "[]");
    return Array.isArray(stored) ? stored : [];
  } catch {
    return [];
  }
}

const [queue, setQueue] = createSignal<QueuedScan[]>(read());
const [answers, setAnswers] = createSignal<Record<string, ScanAnswer>>({});
const [sendingId, setSendingId] = createSignal<string | null>(null);

/** The scan on its way to the server now (正在签到), as opposed to one waiting for a signal (待同步). */
export { sendingId };

function save(next: QueuedScan[]) {
  localStorage.setItem(QUEUE_KEY, JSON.stringify(next));
  setQueue(next);
}

/** The person's scans still waiting for the server or refused by it. */
export const queuedScans = (userId: number) => queue().filter((s) => s.userId === userId);

/** The server's answer to a scan once it was accepted (the scan has left the queue). */
export const answerOf = (id: string): ScanAnswer | undefined => answers()[id];

export const errorOf = (scan: QueuedScan) =>
  scan.error && new ApiError(scan.error.status, scan.error.code, scan.error.reason, []);

/** Queues a scan made now and tries to send it; the same token queued twice (a reloaded page) is one scan. */
export function queueScan(scan: Pick<QueuedScan, "userId" | "shiftId" | "token" | "code">, nowMs = Date.now()) {
  const same = queue().find((s) => s.userId === scan.userId && s.token !== undefined && s.token === scan.token);
  if (same) return same.id;
  const id = crypto.randomUUID();
  save([...queue(), { ...scan, id, scannedAtMs: nowMs, state: "waiting" }]);
  void sendQueued(scan.userId);
  return id;
}

export const dismissScan = (id: string) => save(queue().filter((s) => s.id !== id));

let sending: Promise<void> | null = null;

/** Sends the person's waiting scans in the order they were made; stops at the first that cannot reach the server. */
export function sendQueued(userId: number): Promise<void> {
  sending ??= sendEach(userId).finally(() => {
    sending = null;
  });
  return sending;
}

async function sendEach(userId: number) {
  for (;;) {
    // Read afresh each time: a scan queued meanwhile goes out in this run too.
    const scan = queuedScans(userId).find((s) => s.state === "waiting");
    if (!scan) return;
    const phone = { scannedAt: new Date(scan.scannedAtMs).toISOString(), sentAt: new Date().toISOString() };
    setSendingId(scan.id);
    try {
      const result = scan.token
        ? await volunteering.scan(scan.shiftId ?? 0, scan.token, phone)
        : await volunteering.checkInByCode(scan.code ?? "", scan.shiftId, phone);
      answered(scan.id, { result });
    } catch (error) {
      // No signal, a server trouble, too many tries or a session to renew: the scan keeps its time and waits.
      if (!(error instanceof ApiError) || [0, 401, 429].includes(error.status) || error.status >= 500) return;
      if (error.reason === "checkin_token_used") answered(scan.id, { alreadyUsed: true });
      else {
        const refused = { status: error.status, code: error.code, reason: error.reason };
        save(queue().map((s) => (s.id === scan.id ? { ...s, state: "refused" as const, error: refused } : s)));
      }
    } finally {
      setSendingId(null);
    }
  }
}

function answered(id: string, answer: ScanAnswer) {
  setAnswers({ ...answers(), [id]: answer });
  save(queue().filter((s) => s.id !== id));
}

/** Sends waiting scans when the connection comes back, and every little while in case the browser did not notice. */
export function keepSending(userId: () => number | undefined) {
  const send = () => {
    const id = userId();
    if (id !== undefined && queuedScans(id).some((s) => s.state === "waiting")) void sendQueued(id);
  };
  window.addEventListener("online", send);
  const timer = setInterval(send, RETRY_MS);
  send();
  return () => {
    window.removeEventListener("online", send);
    clearInterval(timer);
  };
}
