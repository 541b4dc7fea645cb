import { Sale } from './sale.entity';

/** The sales feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const SALES_ENTITIES = [Sale];
