import {
  CanActivate,
  ExecutionContext,
  Injectable,
  Logger,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@shelfcast/contracts';
import type {
  AuthenticatedRequest,
  AuthUser,
} from '../common/identity/auth-user';
import { AuthException } from '../common/identity/auth.exception';
import { AuthService } from './auth.service';
import {
  IS_PUBLIC_KEY,
  ROLES_KEY,
  SSE_TICKET_KEY,
} from '../common/identity/decorators';
import { SseTicketService } from './sse-tickets.service';

/**
 * Global guard: every route needs a valid bearer token and a role listed in its `@Roles`, unless
 * it is `@Public()`. A route with no rule at all is refused for everyone (deny by default).
 * `@AllowSseTicket()` routes also take a one-time `?ticket=` instead of the bearer token.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly tickets: SseTicketService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets))
      return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const ticket = this.reflector.getAllAndOverride<boolean>(
      SSE_TICKET_KEY,
      targets,
    )
      ? request.query['ticket']
      : undefined;
    let user: AuthUser;
    if (bearer) user = await this.auth.authenticate(bearer);
    else if (typeof ticket === 'string' && ticket)
      user = await this.tickets.redeem(ticket);
    else
      throw new AuthException('unauthorized', 'Sign in first: no bearer token');
    request.user = user;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(
      ROLES_KEY,
      targets,
    );
    if (!roles) {
      this.logger.error(
        `${context.getClass().name}.${context.getHandler().name} has neither @Roles nor @Public: refused`,
      );
      throw new AuthException('forbidden', 'This route has no access rule');
    }
    if (!roles.includes(user.role))
      throw new AuthException(
        'forbidden',
        `Your role (${user.role}) may not do this`,
      );
    return true;
  }
}
