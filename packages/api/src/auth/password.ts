import { hash, verify } from "@node-rs/argon2";

// argon2id with the OWASP-recommended minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** Compares against a fixed hash when there is no account, so a missing phone takes as long as a wrong password. */
let dummyHash: Promise<string> | undefined;
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    dummyHash ??= hashPassword("no-such-account-0");
    await verify(await dummyHash, password);
    return false;
  }
  return verify(storedHash, password);
}
