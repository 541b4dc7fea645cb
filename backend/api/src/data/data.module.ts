import { Module } from '@nestjs/common';
import { ImportsModule } from '../imports/imports.module';
import { DataController } from './data.controller';
import { DataService } from './data.service';

@Module({
  imports: [ImportsModule],
  controllers: [DataController],
  providers: [DataService],
})
export class DataModule {}
