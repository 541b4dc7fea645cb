import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { loadOrCreateSecret } from '../common/secrets';

/** The JWT signing secret: JWT_SECRET, or one generated on first start and kept under DATA_DIR. */
@Injectable()
export class AuthSecrets {
  private secret: string | null = null;

  constructor(private readonly config: AppConfig) {}

  get jwtSecret(): string {
    this.secret ??=
      this.config.auth.jwtSecret ??
      loadOrCreateSecret(this.config.dataDir, 'jwt-secret');
    return this.secret;
  }
}
