import {
  Body,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation } from '@nestjs/swagger';
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
  type RecommendationProofView,
  RunProofDto,
} from './dto/policy-proof.dto';
import { PolicyProofExports } from './policy-proof-export';
import { PolicyProofViews } from './policy-proof-views';
import { PolicyProofService } from './policy-proof.service';
import { ApiController } from '../common/api-controller';

@ApiController('policy-proof')
export class PolicyProofController {
  constructor(
    private readonly proofs: PolicyProofService,
    private readonly views: PolicyProofViews,
    private readonly exports: PolicyProofExports,
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
    const csv = await this.exports.csv(query, scope);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      'attachment; filename="policy-proof.csv"',
    );
    res.end(csv);
  }

  @Get('export.xlsx')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'The proof table as XLSX: per store, per category and per line, with the period in the header sheet (store-scoped)',
  })
  async exportXlsx(
    @Query() query: ProofQueryDto,
    @CurrentStoreScope() scope: StoreScope,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.exports.file('xlsx', query, scope), 'xlsx');
  }

  @Get('export.pdf')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'The proof table as PDF: period and assumptions, per store, per category and per line (store-scoped)',
  })
  async exportPdf(
    @Query() query: ProofQueryDto,
    @CurrentStoreScope() scope: StoreScope,
    @Res() res: Response,
  ): Promise<void> {
    send(res, await this.exports.file('pdf', query, scope), 'pdf');
  }

  @Get('recommendations/:id')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'One recommendation line in the latest proof that covered it: achieved fill rate and average on hand, served and naive-fed (404 until a proof covers it)',
  })
  forRecommendation(
    @Param('id', ParseIntPipe) id: number,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RecommendationProofView> {
    return this.views.forRecommendation(id, scope);
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

const FILE_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

function send(res: Response, bytes: Buffer, format: 'xlsx' | 'pdf'): void {
  res.status(200);
  res.setHeader('content-type', FILE_TYPES[format]);
  res.setHeader('content-length', String(bytes.length));
  res.setHeader(
    'content-disposition',
    `attachment; filename="policy-proof.${format}"`,
  );
  res.end(bytes);
}
