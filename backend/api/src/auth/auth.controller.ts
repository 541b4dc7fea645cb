import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type {
  AuthTokens,
  CurrentUserDto,
  SseTicket,
} from '@shelfcast/contracts';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import type { AuthUser } from '../common/identity/auth-user';
import { AuthException } from '../common/identity/auth.exception';
import { AuthService, IssuedSession } from './auth.service';
import {
  ANY_ROLE,
  CurrentUser,
  LoginThrottle,
  Public,
  Roles,
} from '../common/identity/decorators';
import { LoginDto } from './dto/auth.dto';
import {
  clearRefreshCookie,
  readRefreshCookie,
  REFRESH_COOKIE,
  setRefreshCookie,
} from './refresh-cookie';
import { SseTicketService } from './sse-tickets.service';

/** Every response of these routes carries `Cache-Control: no-store` (see AuthModule). */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly tickets: SseTicketService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Email and password for a short-lived access token; the refresh token is set as an HttpOnly cookie (throttled per address, back-off per account)',
  })
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthTokens> {
    return this.send(
      req,
      res,
      await this.auth.login(body.email, body.password),
    );
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({
    summary:
      'A new access token and refresh cookie for the refresh cookie (each refresh token works once)',
  })
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthTokens> {
    const token = readRefreshCookie(req);
    // No credential at all is a malformed request (400); a bad or used one is a 401.
    if (!token)
      throw new AuthException(
        'invalid',
        'No refresh cookie: sign in (the refresh token is a cookie, not a body field)',
      );
    try {
      return this.send(req, res, await this.auth.refresh(token));
    } catch (error) {
      clearRefreshCookie(req, res, this.config.security.forceHttps);
      throw error;
    }
  }

  @Post('logout')
  @Roles(...ANY_ROLE)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ends every session of the signed-in user (access and refresh tokens) and clears the refresh cookie',
  })
  async logout(
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(user);
    clearRefreshCookie(req, res, this.config.security.forceHttps);
  }

  @Post('sse-ticket')
  @Roles(...ANY_ROLE)
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A one-time ticket (30 s) for opening a Server-Sent Events stream with ?ticket=, since EventSource cannot send headers',
  })
  sseTicket(@CurrentUser() user: AuthUser): Promise<SseTicket> {
    return this.tickets.issue(user);
  }

  @Get('me')
  @Roles(...ANY_ROLE)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, role and assigned stores' })
  me(@CurrentUser() user: AuthUser): Promise<CurrentUserDto> {
    return this.auth.me(user);
  }

  private send(req: Request, res: Response, session: IssuedSession) {
    setRefreshCookie(
      req,
      res,
      session.refreshToken,
      session.refreshExpiresAt,
      this.config.security.forceHttps,
    );
    return session.body;
  }
}
