import { AuditEntry } from './audit-entry.entity';

/** The audit feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const AUDIT_ENTITIES = [AuditEntry];
