import 'reflect-metadata';
import { isRole, ROLES } from '@shelfcast/contracts';
import { randomBytes } from 'node:crypto';
import { cliArgs, cliContext, fail } from './cli-context';
import { UsersService } from '../users/users.service';

/**
 * `npm run user:create -- --email a@b.c --role admin [--password …] [--name …] [--stores S001,S002]`
 * Creates a user (the first admin on a fresh install). Without --password one is generated and
 * printed once.
 */
async function main(): Promise<void> {
  const args = cliArgs(process.argv.slice(2));
  const email = args.get('email');
  const role = args.get('role') ?? 'admin';
  if (!email || email === 'true')
    throw new Error(
      'Usage: user:create -- --email <email> --role <role> [--password <pw>] [--stores S001,S002]',
    );
  if (!isRole(role))
    throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const generated = !args.has('password');
  const password =
    args.get('password') ?? randomBytes(12).toString('base64url');
  if (password.length < 12)
    throw new Error('--password needs at least 12 characters');
  const context = await cliContext();
  try {
    const user = await context.get(UsersService).create(
      {
        email,
        role,
        password,
        displayName: args.get('name'),
        storeCodes: (args.get('stores') ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      },
      null,
    );
    console.log(
      `Created ${user.role} ${user.email} (id ${user.id})${user.storeCodes.length ? ` for stores ${user.storeCodes.join(', ')}` : ''}`,
    );
    if (generated) console.log(`Password (shown once): ${password}`);
  } finally {
    await context.close();
  }
}

main().catch(fail);
