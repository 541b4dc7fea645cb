import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module';
import { DemoSeeder } from './demo.seeder';

@Module({
  imports: [ImportsModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
