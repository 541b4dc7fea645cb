import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { loadOrCreateSecret } from '../common/secrets';

/**
 * Customer ids from basket or loyalty data are stored only as salted hashes (HMAC-SHA256 with
 * CUSTOMER_ID_SALT, or a salt generated once under DATA_DIR). Forecasting needs no customer data;
 * an importer that reads a customer column calls {@link CustomerIdHasher.hash} before writing.
 */
@Injectable()
export class CustomerIdHasher {
  private salt: string | null = null;

  constructor(private readonly config: AppConfig) {}

  hash(customerId: string): string {
    this.salt ??=
      this.config.customerIdSalt ??
      loadOrCreateSecret(this.config.dataDir, 'customer-id-salt');
    return createHmac('sha256', this.salt)
      .update(customerId.trim())
      .digest('hex');
  }
}
