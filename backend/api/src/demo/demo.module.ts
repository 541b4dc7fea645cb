import { Module } from '@nestjs/common';
import { AffinityModule } from '../affinity/affinity.module';
import { ImportsModule } from '../imports/imports.module';
import { DemoSeeder } from './demo.seeder';

@Module({
  imports: [ImportsModule, AffinityModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
