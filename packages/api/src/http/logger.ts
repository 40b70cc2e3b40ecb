import type { Log, LogLevel } from "../deps";

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** JSON lines on stdout: one object per event, easy to ship to any collector. */
export function jsonLogger(
  minLevel: LogLevel,
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Log {
  return (level, msg, fields = {}) => {
    if (RANK[level] < RANK[minLevel]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  };
}

/**
 * A calendar feed's address is its password (calendar apps cannot sign in): the log keeps the path without it,
 * however the path is spelt (`/api//calendar/…`, `/API/Calendar/…`, an encoded slash), since a miss is logged too.
 */
export const loggedPath = (path: string): string =>
  path
    .replace(/\/calendar(\/|%2f).*$/is, "/calendar/***")
    // A screen's wall link, a pickup code and a certificate's code open what they name to whoever holds them.
    .replace(/\/(walls|certificates)(\/|%2f)(?!\d+(\/|$))[^/]*/gi, "/$1/***")
    .replace(/\/pickups(\/|%2f)[^/]*/gi, "/pickups/***");
