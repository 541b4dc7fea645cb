import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthTokens, CurrentUserDto } from '@shelfcast/contracts';
import { isRole } from '@shelfcast/contracts';
import {
  createHash,
  randomBytes,
  randomUUID,
  timingSafeEqual,
} from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import type { AuthUser } from '../common/identity/auth-user';
import { AuthException } from '../common/identity/auth.exception';
import { RefreshToken } from './entities/refresh-token.entity';
import { LoginLockout } from './login-lockout';

const ISSUER = 'shelfcast';
const AUDIENCE = 'shelfcast-api';

interface AccessPayload {
  sub: string;
  ver: number;
  role: string;
}

/** A new session: the body for the client and the refresh token for its HttpOnly cookie. */
export interface IssuedSession {
  body: AuthTokens;
  refreshToken: string;
  refreshExpiresAt: Date;
}

const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/**
 * Login, refresh (rotating, with reuse detection), logout, and the access-token check the
 * AuthGuard runs on every request. Access tokens are HS256 JWTs carrying the user id and the
 * user's token version; role and stores are read from the database on every request.
 */
@Injectable()
export class AuthService {
  private readonly lockout: LoginLockout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {
    this.lockout = new LoginLockout(config.security.lockout);
  }

  /** A session for the right password, unless the account is locked after too many failures. */
  async login(email: string, password: string): Promise<IssuedSession> {
    const normalized = email.trim().toLowerCase().slice(0, 254);
    const locked = this.lockout.retryAfter(normalized);
    if (locked > 0) throw lockedOut(locked);
    const user = await this.users.verifyCredentials(email, password);
    if (!user) {
      await this.audit.record({
        actor: null,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: null,
        after: { email: normalized },
      });
      const started = this.lockout.fail(normalized);
      if (started) {
        const account = await this.users.findByEmail(normalized);
        await this.audit.record({
          actor: null,
          action: 'auth.lockout',
          entity: 'user',
          entityId: account?.id ?? null,
          after: {
            email: normalized,
            failures: started.failures,
            lockedSeconds: started.seconds,
          },
        });
      }
      throw new AuthException('unauthorized', 'Wrong email or password');
    }
    this.lockout.succeed(normalized);
    await this.users.recordLogin(user.id);
    await this.audit.record({
      actor: user,
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
    });
    return this.issueTokens(user);
  }

  /** Swaps a refresh token for a new pair. A token used twice revokes the whole session family. */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    const invalid = () =>
      new AuthException(
        'unauthorized',
        'The session has expired; sign in again',
      );
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret) throw invalid();
    const repo = this.dataSource.getRepository(RefreshToken);
    const stored = await repo.findOneBy({ id });
    if (!stored) throw invalid();
    const expected = Buffer.from(stored.tokenHash, 'hex');
    const given = Buffer.from(sha256(secret), 'hex');
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw invalid();
    if (stored.revokedAt) {
      // Reuse of a rotated token: someone else may hold it. End every session of the user.
      await this.endSessions(stored.userId);
      await this.audit.record({
        actor: { id: stored.userId, email: null },
        action: 'auth.refresh_reuse',
        entity: 'user',
        entityId: stored.userId,
      });
      throw invalid();
    }
    if (new Date(stored.expiresAt).getTime() <= Date.now()) throw invalid();
    const user = await this.users.findById(stored.userId);
    if (!user || !user.active) throw invalid();
    const revoked = await repo.update(
      { id, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    if (!revoked.affected) throw invalid();
    return this.issueTokens(user);
  }

  async logout(user: AuthUser): Promise<void> {
    await this.endSessions(user.id);
    await this.audit.record({
      actor: user,
      action: 'auth.logout',
      entity: 'user',
      entityId: user.id,
    });
  }

  async me(user: AuthUser): Promise<CurrentUserDto> {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      storeCodes:
        user.role === 'store_manager'
          ? await this.users.storeCodesOf(user.id)
          : null,
    };
  }

  async issueTokens(user: User): Promise<IssuedSession> {
    const ttl = this.config.auth.refreshTokenTtlSeconds;
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttl * 1000);
    await this.dataSource.getRepository(RefreshToken).insert({
      id,
      userId: user.id,
      tokenHash: sha256(secret),
      expiresAt,
      revokedAt: null,
    });
    return {
      body: {
        accessToken: await this.signAccessToken(user),
        expiresIn: this.config.auth.accessTokenTtlSeconds,
        refreshExpiresAt: expiresAt.toISOString(),
        user: await this.me(await this.users.toAuthUser(user)),
      },
      refreshToken: `${id}.${secret}`,
      refreshExpiresAt: expiresAt,
    };
  }

  /** A signed access token; `expiresInSeconds` is for tests (a negative value makes an expired one). */
  signAccessToken(
    user: Pick<User, 'id' | 'role' | 'tokenVersion'>,
    expiresInSeconds = this.config.auth.accessTokenTtlSeconds,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload: AccessPayload & { iat: number; exp: number } = {
      sub: String(user.id),
      ver: user.tokenVersion,
      role: user.role,
      iat: now,
      exp: now + expiresInSeconds,
    };
    return this.jwt.signAsync(payload, {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: AUDIENCE,
    });
  }

  /** The user behind a bearer token, or a 401 for a missing, tampered, expired or revoked token. */
  async authenticate(token: string): Promise<AuthUser> {
    let payload: AccessPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessPayload>(token, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      });
    } catch (error) {
      const expired =
        error instanceof Error && error.name === 'TokenExpiredError';
      throw new AuthException(
        'unauthorized',
        expired ? 'The access token has expired' : 'Invalid access token',
      );
    }
    const id = Number(payload.sub);
    const user = Number.isSafeInteger(id)
      ? await this.users.authRecord(id)
      : null;
    if (
      !user ||
      !user.active ||
      user.tokenVersion !== payload.ver ||
      !isRole(user.role)
    )
      throw new AuthException(
        'unauthorized',
        'The session has ended; sign in again',
      );
    return this.users.toAuthUser(user);
  }

  private async endSessions(userId: number): Promise<void> {
    await this.users.bumpTokenVersion(userId);
    await this.dataSource
      .getRepository(RefreshToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

function lockedOut(retryAfterSeconds: number): AuthException {
  return new AuthException(
    'rate_limited',
    `Too many failed sign-ins for this account; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
}
