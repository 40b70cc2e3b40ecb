import { must } from "./result";
/** Who holds a request, provides an offer or claims a project: a volunteer, a team or a partner unit, written `volunteer:12`, `team:3`, `partner:5`. */
export const HOLDER_KINDS = ["volunteer", "team", "partner"] as const;
export type HolderKind = (typeof HOLDER_KINDS)[number];
export type Holder = { kind: HolderKind; id: number };

/** The holder a key names, or null for anything that is not one. */
export function parseHolderKey(key: string): Holder | null {
  const [kind, raw, ...rest] = key.split(":");
  const id = Number(raw);
  if (
    rest.length > 0 ||
    !(HOLDER_KINDS as readonly string[]).includes(must(kind)) ||
    !Number.isSafeInteger(id) ||
    id < 1
  )
    return null;
  return { kind: kind as HolderKind, id };
}
