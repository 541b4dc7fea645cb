import {
  Body,
  Controller,
  Get,
  HttpCode,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ANY_ROLE,
  CurrentStoreScope,
  PLANNERS,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import {
  type PolicyProofView,
  ProofQueryDto,
  RunProofDto,
} from './dto/policy-proof.dto';
import { PolicyProofViews } from './policy-proof-views';
import { PolicyProofService } from './policy-proof.service';

@ApiTags('policy-proof')
@ApiBearerAuth()
@Controller('policy-proof')
export class PolicyProofController {
  constructor(
    private readonly proofs: PolicyProofService,
    private readonly views: PolicyProofViews,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'The served policy replayed over the recent weeks, side by side with seasonal naive: totals, per store, per category and per line (store-scoped)',
  })
  view(
    @Query() query: ProofQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<PolicyProofView> {
    return this.views.view(query, scope);
  }

  @Get('export.csv')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'The proof’s lines as CSV (latest finished proof unless proofId; store-scoped)',
  })
  async exportCsv(
    @Query() query: ProofQueryDto,
    @CurrentStoreScope() scope: StoreScope,
    @Res() res: Response,
  ): Promise<void> {
    const csv = await this.views.csv(query, scope);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      'attachment; filename="policy-proof.csv"',
    );
    res.end(csv);
  }

  @Post('run')
  @HttpCode(202)
  @Roles(...PLANNERS)
  @ApiOperation({
    summary:
      'Starts a policy proof of the serving run over the last N weeks (default 13); poll GET with the returned id',
  })
  async run(
    @Body() body: RunProofDto,
  ): Promise<{ id: number; status: string }> {
    const proof = await this.proofs.start(body.weeks);
    return { id: proof.id, status: proof.status };
  }
}
