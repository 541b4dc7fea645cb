import { RefreshToken } from './refresh-token.entity';

/** The auth feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const AUTH_ENTITIES = [RefreshToken];
