import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthTokens, CurrentUserDto } from '@shelfcast/contracts';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import {
  ANY_ROLE,
  CurrentUser,
  LoginThrottle,
  Public,
  Roles,
} from './decorators';
import { LoginDto, RefreshDto } from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @LoginThrottle()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Email and password for a short-lived access token and a refresh token (throttled)',
  })
  login(@Body() body: LoginDto): Promise<AuthTokens> {
    return this.auth.login(body.email, body.password);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new token pair for a refresh token (each refresh token works once)',
  })
  refresh(@Body() body: RefreshDto): Promise<AuthTokens> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @Roles(...ANY_ROLE)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Ends every session of the signed-in user (access and refresh tokens)',
  })
  logout(@CurrentUser() user: AuthUser): Promise<void> {
    return this.auth.logout(user);
  }

  @Get('me')
  @Roles(...ANY_ROLE)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, role and assigned stores' })
  me(@CurrentUser() user: AuthUser): Promise<CurrentUserDto> {
    return this.auth.me(user);
  }
}
