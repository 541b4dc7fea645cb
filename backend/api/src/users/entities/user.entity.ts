import type { Role } from '@shelfcast/contracts';
import { Column, Entity } from 'typeorm';
import { TrackedRecord } from '../../database/tracked-record';

/** A person who signs in. The password is stored as an argon2id hash only. */
@Entity('users')
export class User extends TrackedRecord {
  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Bumped on logout, password, role or store change: every token issued before stops working. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion!: number;

  @Column({ name: 'last_login_at', type: Date, nullable: true })
  lastLoginAt!: Date | null;
}
