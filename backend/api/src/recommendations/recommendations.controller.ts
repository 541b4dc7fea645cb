import {
  applyDecorators,
  Body,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type {
  DecisionHistoryEntry,
  DecisionResult,
  Page,
  RecommendationDetail,
  RecommendationLine,
  RegenerateResult,
  Role,
  WhatIfResult,
} from '@shelfcast/contracts';
import type { Response } from 'express';
import type { AuthUser } from '../common/identity/auth-user';
import {
  ANY_ROLE,
  CurrentStoreScope,
  CurrentUser,
  DECIDERS,
  PLANNERS,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import { streamDownload } from '../common/stream-download';
import { AdjustDto, DecisionDto, WhatIfQueryDto } from './dto/decision.dto';
import {
  BulkApproveDto,
  ExportQueryDto,
  RecommendationQueryDto,
} from './dto/recommendation-filters.dto';
import { PurchaseOrderExport } from './purchase-order-export.service';
import { RecommendationDecisions } from './recommendation-decisions.service';
import { RecommendationGeneration } from './recommendation-generation.service';
import { RecommendationQueries } from './recommendation-queries.service';
import { RecommendationWhatIf } from './recommendation-what-if.service';
import { ApiController } from '../common/api-controller';

/** A decision route: POST answered 200 (the line or lines decided), for the roles given. */
const Decision = (path: string, roles: readonly Role[]) =>
  applyDecorators(Post(path), Roles(...roles), HttpCode(200));

@ApiController('recommendations')
export class RecommendationsController {
  constructor(
    private readonly generation: RecommendationGeneration,
    private readonly queries: RecommendationQueries,
    private readonly decisions: RecommendationDecisions,
    private readonly purchaseOrders: PurchaseOrderExport,
    private readonly whatIfs: RecommendationWhatIf,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Recommendation lines of the latest generated run (paginated, sortable, filterable; store-scoped)',
  })
  list(
    @Query() query: RecommendationQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<Page<RecommendationLine>> {
    return this.queries.list(query, scope);
  }

  @Post('regenerate')
  @Roles(...PLANNERS)
  @ApiOperation({
    summary:
      'Regenerate from the serving run: 200 when done, 202 when large sets continue in the background',
  })
  async regenerate(
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RegenerateResult> {
    const out = await this.generation.regenerate(user);
    res.status(out.async ? 202 : 200);
    return out;
  }

  @Decision('bulk-approve', DECIDERS)
  @ApiOperation({
    summary:
      'Approve the pending lines matching the filters (store managers: their stores only)',
  })
  bulkApprove(
    @Body() body: BulkApproveDto,
    @CurrentUser() user: AuthUser,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<DecisionResult> {
    return this.decisions.bulkApprove(
      body.filters ?? {},
      body.reason,
      user,
      scope,
    );
  }

  @Get('export/purchase-orders.csv')
  @Roles(...DECIDERS)
  @ApiOperation({
    summary:
      'Approved lines as a purchase-order CSV grouped by supplier (streamed; store-scoped)',
  })
  async exportCsv(
    @Query() query: ExportQueryDto,
    @CurrentStoreScope() scope: StoreScope,
    @Res() res: Response,
  ): Promise<void> {
    const lines = this.purchaseOrders.exportCsv(query, scope);
    const first = await lines.next();
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `attachment; filename="purchase-orders${query.supplier ? `-${query.supplier.replace(/[^A-Za-z0-9_-]/g, '_')}` : ''}.csv"`,
    );
    if (!first.done) res.write(first.value);
    // A client that disconnects stops the export: the generator is returned, no more pages read.
    await streamDownload(res, lines);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'One line with its breakdown and the projected-stock series per day (on hand, inbound, forecast, reorder point, safety stock)',
  })
  detail(
    @Param('id', ParseIntPipe) id: number,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RecommendationDetail> {
    return this.queries.detail(id, scope);
  }

  @Get(':id/what-if')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      "Replays the policy on the series' history at a service level (the dashboard's slider)",
  })
  whatIf(
    @Param('id', ParseIntPipe) id: number,
    @Query() query: WhatIfQueryDto,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<WhatIfResult> {
    return this.whatIfs.whatIf(id, query.serviceLevel, scope);
  }

  @Decision(':id/approve', DECIDERS)
  approve(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecisionDto,
    @CurrentUser() user: AuthUser,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RecommendationLine> {
    return this.decisions.decide(id, 'approve', user, scope, body);
  }

  @Decision(':id/reject', DECIDERS)
  reject(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecisionDto,
    @CurrentUser() user: AuthUser,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RecommendationLine> {
    return this.decisions.decide(id, 'reject', user, scope, body);
  }

  @Decision(':id/adjust', DECIDERS)
  @ApiOperation({
    summary:
      'Adjust the quantity (0 or a multiple of the case pack ≥ MOQ, with a reason). Above the plausibility limits (ADJUSTMENT_APPROVAL_MULTIPLE × the suggestion, ADJUSTMENT_APPROVAL_VALUE of order value) the line waits for a second approval (pending_approval)',
  })
  adjust(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: AdjustDto,
    @CurrentUser() user: AuthUser,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RecommendationLine> {
    return this.decisions.decide(id, 'adjust', user, scope, body);
  }

  @Decision(':id/second-approval', PLANNERS)
  @ApiOperation({
    summary:
      'Second approval of an adjustment waiting for one (pending_approval), by a planner other than the one who adjusted; it then goes into the purchase-order file',
  })
  secondApproval(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DecisionDto,
    @CurrentUser() user: AuthUser,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<RecommendationLine> {
    return this.decisions.secondApproval(id, user, scope, body.reason);
  }

  @Get(':id/history')
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      "Every change of a line's decision, oldest first: action, status and quantity before and after, who, when and why (store-scoped)",
  })
  history(
    @Param('id', ParseIntPipe) id: number,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<DecisionHistoryEntry[]> {
    return this.decisions.history(id, scope);
  }
}
