/**
 * How many of the person's scans wait on this phone (待同步) or were refused, read
 * straight from storage for the home page: the queue's own code loads later (lib/checkin-queue.ts).
 */
export const QUEUE_KEY = "tongxin.checkins";

export function queuedScanCount(userId: number): number {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(QUEUE_KEY) ?? "[]");
    return Array.isArray(stored) ? stored.filter((s) => (s as { userId?: unknown }).userId === userId).length : 0;
  } catch {
    return 0;
  }
}
