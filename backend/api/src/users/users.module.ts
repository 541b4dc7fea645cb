import { Module } from '@nestjs/common';
import { DemoUsers } from './demo-users';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, DemoUsers],
  exports: [UsersService, DemoUsers],
})
export class UsersModule {}
