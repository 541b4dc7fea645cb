import { ImportRun } from './import-run.entity';

/** The imports feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const IMPORTS_ENTITIES = [ImportRun];
