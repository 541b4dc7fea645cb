import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { UsersException } from '../users/users.exception';
import { UsersService } from '../users/users.service';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no active admin exists. */
@Injectable()
export class AuthBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.auth.initialAdmin;
    if (!admin || (await this.users.count('admin')) > 0) return;
    if (await this.users.findByEmail(admin.email)) {
      this.logger.warn(
        `ADMIN_EMAIL ${admin.email} exists but is not an active admin; not changed`,
      );
      return;
    }
    try {
      await this.users.create({ ...admin, role: 'admin' }, null);
    } catch (error) {
      // The password policy applies to the first admin too: say which setting to change.
      if (
        error instanceof UsersException &&
        error.details?.['field'] === 'password'
      )
        throw new Error(`ADMIN_PASSWORD: ${error.message}`);
      throw error;
    }
    this.logger.log(`Created the first admin ${admin.email} from ADMIN_EMAIL`);
  }
}
