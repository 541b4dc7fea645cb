import { Module } from '@nestjs/common';
import { AffinityController } from './affinity.controller';
import { AffinityService } from './affinity.service';

/** Product affinity: bought together, similar products, assortment gaps, segment picks. */
@Module({
  controllers: [AffinityController],
  providers: [AffinityService],
  exports: [AffinityService],
})
export class AffinityModule {}
