import {
  DefaultValuePipe,
  Get,
  MessageEvent,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
  Sse,
} from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiParam } from '@nestjs/swagger';
import { IMPORT_KINDS, ImportReport, isImportKind } from '@shelfcast/contracts';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { finished } from 'node:stream';
import { map, Observable } from 'rxjs';
import type { AuthUser } from '../common/identity/auth-user';
import {
  ALL_STORE_ROLES,
  AllowSseTicket,
  ANY_ROLE,
  CurrentStoreScope,
  CurrentUser,
  PLANNERS,
  Roles,
} from '../common/identity/decorators';
import type { StoreScope } from '../common/identity/store-scope';
import { ImportProgressService } from './import-progress.service';
import { ImportsException } from './imports.exception';
import { ImportSource, ImportsService } from './imports.service';
import { ApiController } from '../common/api-controller';

@ApiController('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly progress: ImportProgressService,
  ) {}

  @Sse('events')
  @Roles(...ALL_STORE_ROLES)
  @AllowSseTicket()
  @ApiOperation({
    summary:
      'Progress of running imports (Server-Sent Events of ImportProgress)',
  })
  events(): Observable<MessageEvent> {
    return this.progress.events.pipe(map((p) => ({ data: p })));
  }

  @Get()
  @Roles(...ANY_ROLE)
  @ApiOperation({
    summary:
      'Import history, newest first (a store manager sees only imports they started)',
  })
  history(
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<ImportReport[]> {
    return this.imports.history(Math.min(Math.max(limit, 1), 500), scope);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOperation({ summary: 'One import with its error report' })
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentStoreScope() scope: StoreScope,
  ): Promise<ImportReport> {
    return this.imports.get(id, scope);
  }

  /**
   * Streams the upload straight into the importer (multipart field "file", or a raw text/csv
   * body): a 1 GB file never sits in memory. 201 when imported, 422 with the report when refused.
   */
  @Post(':kind')
  @Roles(...PLANNERS)
  @ApiOperation({
    summary:
      'Import a CSV file of one kind; nothing is written if any row is invalid',
  })
  @ApiParam({ name: 'kind', enum: IMPORT_KINDS })
  @ApiConsumes('multipart/form-data', 'text/csv')
  async upload(
    @Param('kind') kind: string,
    @Query('ref') ref: string | undefined,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!isImportKind(kind)) {
      throw new ImportsException(
        'invalid',
        `Unknown import kind "${kind}"; use one of ${IMPORT_KINDS.join(', ')}`,
      );
    }
    const source = await uploadedFile(req, abortOnDisconnect(res));
    const report = await this.imports.importStream(kind, source, {
      userName: user.email,
      userId: user.id,
      ref: ref ?? null,
    });
    if (res.destroyed) return;
    res
      .status(
        report.status === 'succeeded'
          ? 201
          : report.status === 'rejected'
            ? 422
            : 500,
      )
      .json(report);
  }
}

/**
 * A signal that aborts when the client disconnects before the response was sent (a cancelled or
 * timed-out upload), so the import rolls back at once instead of waiting for bytes that never come.
 */
function abortOnDisconnect(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}

function uploadedFile(
  req: Request,
  signal: AbortSignal,
): Promise<ImportSource> {
  const length = Number(req.headers['content-length']);
  const totalBytes = Number.isFinite(length) && length > 0 ? length : null;
  const type = req.headers['content-type'] ?? '';
  if (
    type.startsWith('text/csv') ||
    type.startsWith('application/octet-stream')
  ) {
    const name = req.headers['x-file-name'];
    return Promise.resolve({
      stream: req,
      fileName: typeof name === 'string' ? name : 'upload.csv',
      totalBytes,
      signal,
    });
  }
  if (!type.startsWith('multipart/form-data')) {
    return Promise.reject(
      new ImportsException(
        'invalid',
        'Send the CSV as multipart/form-data (field "file") or as text/csv',
      ),
    );
  }
  return new Promise((resolve, reject) => {
    let found = false;
    const parser = busboy({ headers: req.headers, limits: { files: 1 } });
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({
        stream,
        fileName: info.filename || 'upload.csv',
        totalBytes,
        signal,
      });
    });
    parser.on('error', (error: Error) =>
      reject(
        new ImportsException('invalid', `Unreadable upload: ${error.message}`),
      ),
    );
    parser.on('close', () => {
      if (!found)
        reject(
          new ImportsException(
            'invalid',
            'No file: send the CSV in the multipart field "file"',
          ),
        );
    });
    // pipe() alone would leave busboy (and the file stream it feeds) waiting forever when the
    // request is cut off; a failed request fails the parser, which fails the file stream.
    finished(req, (error) => {
      if (error) parser.destroy(error);
    });
    req.pipe(parser);
  });
}
