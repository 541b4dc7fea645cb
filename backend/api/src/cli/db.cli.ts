import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { ALL_ENTITIES } from '../app/entities';
import { dataSourceOptions } from '../database/data-source-options';
import { migrate, revertAll } from '../database/schema-admin';

/** `npm run db:migrate | db:revert | db:reset` against DATABASE_URL (default: the SQLite file). */
async function main(command: string | undefined): Promise<void> {
  const config = loadConfig(process.env);
  const dataSource = await new DataSource(
    dataSourceOptions(config.database, ALL_ENTITIES),
  ).initialize();
  try {
    if (command === 'migrate') {
      const ran = await migrate(dataSource);
      console.log(
        ran.length ? `Applied: ${ran.join(', ')}` : 'Schema is up to date.',
      );
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    } else if (command === 'reset') {
      const reverted = await revertAll(dataSource);
      const ran = await migrate(dataSource);
      console.log(`Reverted ${reverted} migrations, applied ${ran.length}.`);
    } else {
      throw new Error(
        `Unknown command "${command ?? ''}": use migrate, revert or reset`,
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
