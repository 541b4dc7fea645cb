import { Module } from '@nestjs/common';
import { ImportProgressService } from './import-progress.service';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({
  controllers: [ImportsController],
  providers: [ImportsService, ImportProgressService],
  exports: [ImportsService, ImportProgressService],
})
export class ImportsModule {}
