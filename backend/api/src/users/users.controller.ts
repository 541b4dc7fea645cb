import {
  Body,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { UserDto } from '@shelfcast/contracts';
import type { AuthUser } from '../common/identity/auth-user';
import { CurrentUser, Roles } from '../common/identity/decorators';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiController } from '../common/api-controller';

/** User management: admins only. Every change is audited. */
@Roles('admin')
@ApiController('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user with role and assigned stores' })
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user' })
  get(@Param('id', ParseIntPipe) id: number): Promise<UserDto> {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a user (store managers with their store codes)',
  })
  create(
    @Body() body: CreateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserDto> {
    return this.users.create(body, actor);
  }

  @Patch(':id')
  @ApiOperation({
    summary:
      'Change name, password, role, stores or active; signs the user out everywhere when access changes',
  })
  update(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateUserDto,
    @CurrentUser() actor: AuthUser,
  ): Promise<UserDto> {
    return this.users.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user (their audit entries stay)' })
  remove(
    @Param('id', ParseIntPipe) id: number,
    @CurrentUser() actor: AuthUser,
  ): Promise<void> {
    return this.users.remove(id, actor);
  }
}
