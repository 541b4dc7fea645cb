import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role, UserDto } from '@shelfcast/contracts';
import * as argon2 from 'argon2';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { sqlQuery } from '../database/raw-sql';
import type { AuthUser } from '../common/identity/auth-user';
import { Store } from '../catalog/entities/store.entity';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UserStore } from './entities/user-store.entity';
import { User } from './entities/user.entity';
import { passwordProblem } from './password-policy';
import { UsersException } from './users.exception';

/** argon2id with the library defaults (64 MiB, 3 passes): about 50–100 ms per hash here. */
const HASH_OPTIONS = { type: argon2.argon2id } as const;

/** The fields of a user that authentication and the guards need. */
export type AuthRecord = Pick<
  User,
  'id' | 'email' | 'displayName' | 'role' | 'active' | 'tokenVersion'
>;

export interface NewUser {
  email: string;
  displayName?: string;
  password: string;
  role: Role;
  storeCodes?: string[];
}

@Injectable()
export class UsersService {
  /** Verified against when the email is unknown, so both cases take as long. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, HASH_OPTIONS);
  }

  /** The user when the password matches an active account; null otherwise (constant-ish time). */
  async verifyCredentials(
    email: string,
    password: string,
  ): Promise<User | null> {
    const user = await this.findByEmail(email);
    if (!user) {
      this.dummyHash ??= this.hashPassword('not-a-real-password-0000');
      await argon2.verify(await this.dummyHash, password).catch(() => false);
      return null;
    }
    const ok = await argon2
      .verify(user.passwordHash, password)
      .catch(() => false);
    return ok && user.active ? user : null;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .findOneBy({ email: email.trim().toLowerCase() });
  }

  findById(id: number): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  count(role?: Role): Promise<number> {
    return this.dataSource
      .getRepository(User)
      .countBy(role ? { role, active: true } : {});
  }

  /**
   * What every authenticated request checks (active, token version, role), read with one raw
   * statement: the entity query builder cost more than the rest of a cached dashboard read.
   */
  async authRecord(id: number): Promise<AuthRecord | null> {
    const [row] = await sqlQuery<AuthRecordRow>(
      this.dataSource,
      'SELECT id, email, display_name, role, active, token_version FROM users WHERE id = ?',
      [id],
    );
    if (!row) return null;
    return {
      id: Number(row.id),
      email: String(row.email),
      displayName: String(row.display_name),
      role: row.role,
      active: row.active === true || Number(row.active) === 1,
      tokenVersion: Number(row.token_version),
    };
  }

  /** The request user as the guards see it: role and store assignment straight from the database. */
  async toAuthUser(user: AuthRecord): Promise<AuthUser> {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      storeIds:
        user.role === 'store_manager' ? await this.storeIdsOf(user.id) : null,
    };
  }

  async storeIdsOf(userId: number): Promise<number[]> {
    const rows = await sqlQuery<UserStoreRow>(
      this.dataSource,
      'SELECT store_id FROM user_stores WHERE user_id = ? ORDER BY store_id',
      [userId],
    );
    return rows.map((r) => Number(r.store_id));
  }

  async storeCodesOf(userId: number): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource
      .getRepository(Store)
      .createQueryBuilder('s')
      .innerJoin(UserStore, 'us', 'us.storeId = s.id')
      .where('us.userId = :userId', { userId })
      .orderBy('s.code', 'ASC')
      .select('s.code', 'code')
      .getRawMany();
    return rows.map((r) => r.code);
  }

  async list(): Promise<UserDto[]> {
    const users = await this.dataSource
      .getRepository(User)
      .find({ order: { email: 'ASC' } });
    return Promise.all(users.map((u) => this.toDto(u)));
  }

  async get(id: number): Promise<UserDto> {
    return this.toDto(await this.require(id));
  }

  /**
   * A new user. The password must pass the password policy, except for the demo users, whose
   * documented passwords are seeded as they are (`skipPasswordPolicy`).
   */
  async create(
    input: NewUser | CreateUserDto,
    actor: AuditActor,
    options: { skipPasswordPolicy?: boolean } = {},
  ): Promise<UserDto> {
    const email = input.email.trim().toLowerCase();
    if (!options.skipPasswordPolicy) assertAcceptable(input.password, email);
    if (await this.findByEmail(email))
      throw new UsersException('conflict', `A user with email ${email} exists`);
    const passwordHash = await this.hashPassword(input.password);
    const user = await this.dataSource.transaction(async (m) => {
      const created = await m.getRepository(User).save(
        m.getRepository(User).create({
          email,
          displayName: input.displayName?.trim() || email.split('@')[0],
          passwordHash,
          role: input.role,
          active: true,
          tokenVersion: 0,
          lastLoginAt: null,
        }),
      );
      if (input.role === 'store_manager')
        await this.assignStores(m, created.id, input.storeCodes ?? []);
      return created;
    });
    const dto = await this.toDto(user);
    await this.audit.record({
      actor,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      after: auditView(dto),
    });
    return dto;
  }

  async update(
    id: number,
    input: UpdateUserDto,
    actor: AuthUser,
  ): Promise<UserDto> {
    const user = await this.require(id);
    if (input.password !== undefined)
      assertAcceptable(input.password, user.email);
    const before = await this.toDto(user);
    const demotesAdmin =
      user.role === 'admin' &&
      ((input.role !== undefined && input.role !== 'admin') ||
        input.active === false);
    if (demotesAdmin && (await this.count('admin')) <= 1)
      throw new UsersException(
        'conflict',
        'The last active admin cannot be demoted or deactivated',
      );
    if (id === actor.id && input.active === false)
      throw new UsersException('conflict', 'You cannot deactivate yourself');

    const role = input.role ?? user.role;
    const storesChange = input.storeCodes !== undefined || role !== user.role;
    const invalidates =
      input.password !== undefined ||
      role !== user.role ||
      input.active === false ||
      storesChange;
    if (input.displayName !== undefined)
      user.displayName = input.displayName.trim();
    if (input.password !== undefined)
      user.passwordHash = await this.hashPassword(input.password);
    if (input.active !== undefined) user.active = input.active;
    user.role = role;
    if (invalidates) user.tokenVersion += 1;
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(User).save(user);
      if (storesChange) {
        await m.getRepository(UserStore).delete({ userId: id });
        if (role === 'store_manager')
          await this.assignStores(m, id, input.storeCodes ?? before.storeCodes);
      }
    });
    const after = await this.toDto(user);
    await this.audit.record({
      actor,
      action: before.role !== after.role ? 'user.role_change' : 'user.update',
      entity: 'user',
      entityId: id,
      before: auditView(before),
      after: {
        ...auditView(after),
        ...(input.password !== undefined ? { passwordChanged: true } : {}),
      },
    });
    return after;
  }

  async remove(id: number, actor: AuthUser): Promise<void> {
    const user = await this.require(id);
    if (id === actor.id)
      throw new UsersException('conflict', 'You cannot delete yourself');
    if (
      user.role === 'admin' &&
      user.active &&
      (await this.count('admin')) <= 1
    )
      throw new UsersException(
        'conflict',
        'The last active admin cannot be deleted',
      );
    const before = await this.toDto(user);
    await this.dataSource.getRepository(User).delete({ id });
    await this.audit.record({
      actor,
      action: 'user.delete',
      entity: 'user',
      entityId: id,
      before: auditView(before),
    });
  }

  /** Invalidates every access and refresh token issued to the user so far. */
  async bumpTokenVersion(id: number): Promise<void> {
    await this.dataSource
      .getRepository(User)
      .increment({ id }, 'tokenVersion', 1);
  }

  async recordLogin(id: number): Promise<void> {
    await this.dataSource
      .getRepository(User)
      .update({ id }, { lastLoginAt: new Date() });
  }

  private async require(id: number): Promise<User> {
    const user = await this.findById(id);
    if (!user) throw new UsersException('not_found', `No user with id ${id}`);
    return user;
  }

  private async assignStores(
    m: EntityManager,
    userId: number,
    codes: readonly string[],
  ): Promise<void> {
    const unique = [...new Set(codes)];
    if (unique.length === 0) return;
    const stores = await m.getRepository(Store).findBy({ code: In(unique) });
    if (stores.length !== unique.length) {
      const known = new Set(stores.map((s) => s.code));
      throw new UsersException('invalid', 'Unknown store codes', {
        unknown: unique.filter((c) => !known.has(c)),
      });
    }
    await m
      .getRepository(UserStore)
      .insert(stores.map((s) => ({ userId, storeId: s.id })));
  }

  private async toDto(user: User): Promise<UserDto> {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      active: Boolean(user.active),
      storeCodes:
        user.role === 'store_manager' ? await this.storeCodesOf(user.id) : [],
      createdAt: new Date(user.createdAt).toISOString(),
      lastLoginAt: user.lastLoginAt
        ? new Date(user.lastLoginAt).toISOString()
        : null,
    };
  }
}

function auditView(u: UserDto) {
  return {
    email: u.email,
    role: u.role,
    active: u.active,
    storeCodes: u.storeCodes,
  };
}

/** The users columns {@link UsersService.authRecord} reads; `active` is 0/1 on SQLite. */
interface AuthRecordRow {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  active: boolean | number;
  token_version: number;
}

interface UserStoreRow {
  store_id: number;
}

function assertAcceptable(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem)
    throw new UsersException('invalid', problem, { field: 'password' });
}
