import { Module } from '@nestjs/common';
import { PolicyProofController } from './policy-proof.controller';
import { PolicyProofExports } from './policy-proof-export';
import { PolicyProofViews } from './policy-proof-views';
import { PolicyProofService } from './policy-proof.service';

/** The policy proof: the served policy replayed on the retailer's own recent weeks. */
@Module({
  controllers: [PolicyProofController],
  providers: [PolicyProofService, PolicyProofViews, PolicyProofExports],
  exports: [PolicyProofService],
})
export class PolicyProofModule {}
