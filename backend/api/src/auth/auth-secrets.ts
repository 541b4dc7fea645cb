import { Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { loadOrCreateSecret } from '../common/secrets';

/** The JWT signing secret: JWT_SECRET, or one generated on first start and kept under DATA_DIR. */
@Injectable()
export class AuthSecrets {
  private key: KeyObject | null = null;

  constructor(private readonly config: AppConfig) {}

  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to
   * parse it as a public key on every sign and verify, which was 13% of the API's CPU under load.
   */
  get jwtKey(): KeyObject {
    this.key ??= createSecretKey(
      Buffer.from(
        this.config.auth.jwtSecret ??
          loadOrCreateSecret(this.config.dataDir, 'jwt-secret'),
      ),
    );
    return this.key;
  }
}
