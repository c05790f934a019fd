/**
 * Creates a facilitator account from the command line (an alternative to the one-time setup
 * link, and the way to add co-facilitators). The password comes from RUNDGANG_PASSWORD or is
 * generated and printed once.
 *   npm run create-facilitator -w server -- --email kari@example.no --name "Kari Nordmann"
 * Stop the server first when using the embedded database (it is single-process).
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SetupBody } from '@rundgang/shared';
import { hashPassword } from '../auth/passwords.ts';
import { loadConfig } from '../config.ts';
import { isUniqueViolation } from '../db/db.ts';
import { openDatabase } from '../db/open.ts';
import { insertFacilitator } from '../db/repo.ts';
import { describeIssues } from '../errors.ts';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const generated = !process.env.RUNDGANG_PASSWORD;
const password = process.env.RUNDGANG_PASSWORD ?? randomBytes(12).toString('base64url');
const input = SetupBody.omit({ token: true }).safeParse({ email: values.email, name: values.name, password });
if (!input.success) {
  process.stderr.write(`create-facilitator: ${describeIssues(input.error)}\n`);
  process.exit(1);
}
const db = await openDatabase(loadConfig().database);
try {
  await insertFacilitator(db, { ...input.data, passwordHash: await hashPassword(input.data.password) });
  process.stdout.write(
    `Created facilitator ${input.data.email}${generated ? ` with password: ${password}` : ''}\n`,
  );
} catch (err) {
  process.stderr.write(
    isUniqueViolation(err) ? `A facilitator with email ${input.data.email} exists already\n` : `${err}\n`,
  );
  process.exitCode = 1;
} finally {
  await db.close();
}
