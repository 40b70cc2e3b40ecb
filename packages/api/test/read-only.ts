import { execFileSync } from "node:child_process";
import { chmodSync, statSync } from "node:fs";

/**
 * Makes a file or folder read-only for this process and returns the undo. Root
 * ignores permission bits, so as root the immutable attribute is set as well.
 */
export function makeReadOnly(path: string): () => void {
  const mode = statSync(path).mode & 0o777;
  chmodSync(path, mode & 0o555);
  const root = process.getuid?.() === 0;
  if (root) execFileSync("chattr", ["+i", path]);
  return () => {
    if (root) execFileSync("chattr", ["-i", path]);
    chmodSync(path, mode);
  };
}
