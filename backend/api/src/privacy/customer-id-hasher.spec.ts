import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config';
import { CustomerIdHasher } from './customer-id-hasher';

describe('CustomerIdHasher', () => {
  const config = (salt?: string) => ({
    ...loadConfig(salt ? { CUSTOMER_ID_SALT: salt } : {}),
    dataDir: mkdtempSync(join(tmpdir(), 'shelfcast-salt-')),
  });

  it('never returns the id, is stable for one salt and differs across salts', () => {
    const a = new CustomerIdHasher(config('salt-number-one-16'));
    const b = new CustomerIdHasher(config('salt-number-two-16'));
    expect(a.hash('C-1001')).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash('C-1001')).not.toContain('1001');
    expect(a.hash('C-1001')).toBe(a.hash(' C-1001 '));
    expect(a.hash('C-1001')).not.toBe(b.hash('C-1001'));
  });

  it('generates and keeps a salt under the data directory when none is configured', () => {
    const c = config();
    expect(new CustomerIdHasher(c).hash('x')).toBe(
      new CustomerIdHasher(c).hash('x'),
    );
  });
});
