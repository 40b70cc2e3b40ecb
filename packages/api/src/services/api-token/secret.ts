import { randomBytes } from "node:crypto";
import { sessionIdOf } from "../../auth/session";

/** 256 random bits: nobody guesses a token, and a leaked hash table yields none (only SHA-256 is kept). */
const SECRET_BYTES = 32;
/** `tx_` tells a reader (and secret scanners) what the string is; base64url of SECRET_BYTES follows. */
const SECRET_PREFIX = "tx_";
export const SECRET_PATTERN = /^tx_[A-Za-z0-9_-]{43}$/;
/** The start of a secret a list shows to tell tokens apart: `tx_` and 8 characters, 48 bits of 256. */
const SHOWN_CHARS = 11;

export const newTokenSecret = (): string => SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64url");

/** The stored form of a secret, as for sessions. */
export const tokenHashOf = sessionIdOf;

export const prefixOf = (secret: string): string => secret.slice(0, SHOWN_CHARS);
