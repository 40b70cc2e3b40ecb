import { must } from "@tongxin/core";

/** Milestones typed one per line, "安装长椅 13" (a title, then the target), all due by the optional day given. */
export const milestonesOf = (text: string, dueOn?: string) =>
  text
    .split("\n")
    .map((line) => line.trim().match(/^(.+?)\s+(\d+)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ title: must(m[1]), target: Number(m[2]), ...(dueOn ? { dueOn } : {}) }));
