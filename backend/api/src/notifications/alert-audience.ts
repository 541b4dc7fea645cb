import type { DataSource } from 'typeorm';
import { sqlQuery } from '../database/raw-sql';
import type { AlertInput } from './alert-types';

interface RecipientRow {
  id: number;
  email: string;
  role: string;
  in_app: number | boolean | null;
  email_on: number | boolean | null;
  webhook_on: number | boolean | null;
}

interface ManagerStoreRow {
  user_id: number;
  store_id: number;
}

export interface Recipient {
  userId: number;
  /** The user's e-mail address. */
  address: string;
  inApp: boolean;
  email: boolean;
  webhook: boolean;
}

const flag = (v: number | boolean | null, fallback: boolean): boolean =>
  v === null ? fallback : Boolean(Number(v));

/**
 * Who receives an alert and on which channels: every active user by their settings for its type
 * (in-app on, e-mail and webhook off by default), except store managers for alerts about a store
 * that is not theirs. Chain-level alerts (no store) go to everyone subscribed.
 */
export async function alertAudience(
  dataSource: DataSource,
  alert: Pick<AlertInput, 'type' | 'storeId'>,
): Promise<Recipient[]> {
  const rows = await sqlQuery<RecipientRow>(
    dataSource,
    `SELECT u.id, u.email, u.role, s.in_app, s.email AS email_on, s.webhook AS webhook_on
       FROM users u
       LEFT JOIN notification_settings s ON s.user_id = u.id AND s.event_type = ?
      WHERE u.active = ?`,
    // better-sqlite3 binds no booleans: SQLite stores them as 0/1.
    [alert.type, dataSource.options.type === 'postgres' ? true : 1],
  );
  let managerStores = new Set<string>();
  if (alert.storeId !== null) {
    const assigned = await sqlQuery<ManagerStoreRow>(
      dataSource,
      'SELECT user_id, store_id FROM user_stores WHERE store_id = ?',
      [alert.storeId],
    );
    managerStores = new Set(assigned.map((r) => `${r.user_id}`));
  }
  return rows
    .filter(
      (r) =>
        alert.storeId === null ||
        r.role !== 'store_manager' ||
        managerStores.has(`${r.id}`),
    )
    .map((r) => ({
      userId: Number(r.id),
      address: r.email,
      inApp: flag(r.in_app, true),
      email: flag(r.email_on, false),
      webhook: flag(r.webhook_on, false),
    }))
    .filter((r) => r.inApp || r.email || r.webhook);
}
