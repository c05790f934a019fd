/**
 * First start: while no facilitator exists, a one-time setup token is issued (its hash stored)
 * and printed as a link; redeeming it creates the first facilitator and deletes the token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Db, Queryable } from '../db/db.ts';
import { countFacilitators, deleteSetting, getSetting, insertFacilitator, setSetting } from '../db/repo.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from './passwords.ts';
import { hashToken, newToken } from './tokens.ts';

const SETTING = 'setup_token_hash';

/** Issues a fresh setup token if no facilitator exists yet; returns it (undefined otherwise). */
export async function issueSetupTokenIfNeeded(db: Db): Promise<string | undefined> {
  if ((await countFacilitators(db)) > 0) return undefined;
  const token = newToken();
  await setSetting(db, SETTING, hashToken(token));
  return token;
}

/** True while the first facilitator has not been created. */
export async function setupOpen(db: Db): Promise<boolean> {
  return (await countFacilitators(db)) === 0;
}

/** Redeems the setup token: creates the first facilitator in one transaction. */
export async function completeSetup(
  db: Db,
  input: { token: string; email: string; name: string; password: string },
) {
  const check = async (q: Queryable) => {
    const stored = await getSetting(q, SETTING);
    if ((await countFacilitators(q)) > 0 || !stored)
      throw new AppError('conflict', 'Setup is already complete');
    if (!sameHash(stored, hashToken(input.token)))
      throw new AppError('forbidden', 'The setup link is not valid');
  };
  // The token first: a wrong one costs the server a lookup, not a password hash.
  await check(db);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await check(tx);
    const f = await insertFacilitator(tx, { email: input.email, name: input.name, passwordHash });
    await deleteSetting(tx, SETTING);
    return f;
  });
}

/** Compares two token hashes in constant time. */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
