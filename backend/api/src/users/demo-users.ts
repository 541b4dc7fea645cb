import { Injectable, Logger } from '@nestjs/common';
import type { Role } from '@shelfcast/contracts';
import { UsersService } from './users.service';

export interface DemoCredential {
  role: Role;
  email: string;
  password: string;
  storeCodes: string[];
}

/**
 * One demo user per role, with documented passwords: for the demo data set only. They are created
 * when SEED_DEMO=if-empty and the email does not exist yet; change or delete them before real use.
 * Seeded as documented, without the password policy (external checks sign in with them).
 */
export const DEMO_USERS: readonly DemoCredential[] = [
  {
    role: 'admin',
    email: 'admin@demo.shelfcast',
    password: 'demo-admin-pass',
    storeCodes: [],
  },
  {
    role: 'planner',
    email: 'planner@demo.shelfcast',
    password: 'demo-planner-pass',
    storeCodes: [],
  },
  {
    role: 'store_manager',
    email: 'manager@demo.shelfcast',
    password: 'demo-manager-pass',
    storeCodes: ['S001', 'S002'],
  },
  {
    role: 'viewer',
    email: 'viewer@demo.shelfcast',
    password: 'demo-viewer-pass',
    storeCodes: [],
  },
];

@Injectable()
export class DemoUsers {
  private readonly logger = new Logger(DemoUsers.name);

  constructor(private readonly users: UsersService) {}

  /** Creates the missing demo users; returns the ones it created (to print their credentials). */
  async ensure(): Promise<DemoCredential[]> {
    const created: DemoCredential[] = [];
    for (const demo of DEMO_USERS) {
      if (await this.users.findByEmail(demo.email)) continue;
      try {
        await this.users.create(
          {
            email: demo.email,
            displayName: `Demo ${demo.role.replace('_', ' ')}`,
            password: demo.password,
            role: demo.role,
            storeCodes: demo.storeCodes,
          },
          null,
          { skipPasswordPolicy: true },
        );
      } catch (error) {
        // e.g. the demo stores do not exist (data imported from elsewhere): create it without stores.
        this.logger.warn(
          `Demo user ${demo.email}: ${error instanceof Error ? error.message : String(error)}; created without stores`,
        );
        await this.users.create(
          {
            email: demo.email,
            password: demo.password,
            role: demo.role,
            storeCodes: [],
          },
          null,
          { skipPasswordPolicy: true },
        );
      }
      created.push(demo);
    }
    return created;
  }
}
