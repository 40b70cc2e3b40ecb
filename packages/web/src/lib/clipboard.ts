/** Puts a private link on the clipboard; answers whether it got there (a browser may refuse without a secure page or permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
