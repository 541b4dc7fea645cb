import { User } from './user.entity';
import { UserStore } from './user-store.entity';

/** The users feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const USERS_ENTITIES = [User, UserStore];
