import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { SettingsController } from './settings.controller';

@Module({ controllers: [HealthController, SettingsController] })
export class HealthModule {}
