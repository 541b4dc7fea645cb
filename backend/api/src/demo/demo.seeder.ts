import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEMO_IMPORT_ORDER, writeDemoCsv } from '@shelfcast/demo-data';
import type { ImportKind, ImportReport } from '@shelfcast/contracts';
import { createReadStream, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataSource } from 'typeorm';
import { AffinityService } from '../affinity/affinity.service';
import { AppConfig } from '../config/app-config';
import { ImportsService } from '../imports/imports.service';

export interface DemoSize {
  stores: number;
  products: number;
  days: number;
  seed: number;
}

/**
 * Loads the synthetic demo data set through the product's own import path, so a fresh clone has
 * something to show and the importer is exercised end to end.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly imports: ImportsService,
    private readonly affinity: AffinityService,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    const [row]: { n: string | number }[] = await this.dataSource.query(
      'SELECT COUNT(*) AS n FROM (SELECT 1 FROM sales LIMIT 1) t',
    );
    if (Number(row.n) > 0) return false;
    this.logger.log(
      'The database holds no sales: loading the demo data set (one-off, about a minute)…',
    );
    await this.seed(this.config.demo);
    return true;
  }

  async seed(size: DemoSize): Promise<ImportReport[]> {
    const dir = join(this.config.dataDir, 'demo');
    const started = Date.now();
    const files = await writeDemoCsv(dir, size, (p) => {
      if (
        p.seriesDone % Math.max(1, Math.round(p.seriesTotal / 10)) <
        size.products
      ) {
        this.logger.log(
          `Generating: ${p.seriesDone}/${p.seriesTotal} series, ${p.salesRows} sales rows`,
        );
      }
    });
    this.logger.log(
      `Generated the demo CSVs in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    const reports = await this.importFiles(files, 'demo-seed');
    // Affinity is otherwise recomputed after a promoted training run: without this, "bought
    // together" and the assortment gaps would stay empty until the first training run. The service
    // computes large inputs on a worker thread; awaited so the results exist before the API listens.
    // A failure here leaves the data imported and the pages empty: warn, do not refuse to start.
    try {
      const affinity = await this.affinity.recompute();
      this.logger.log(
        `Computed affinity: ${affinity.baskets} baskets, ${affinity.pairs} pairs, ${affinity.gaps} gaps in ${(affinity.durationMs / 1000).toFixed(1)} s`,
      );
    } catch (e: unknown) {
      this.logger.warn(`Affinity recompute after seeding failed: ${String(e)}`);
    }
    return reports;
  }

  /** Imports files in dependency order; stops at the first refused file. */
  async importFiles(
    files: Partial<Record<ImportKind, string>>,
    userName: string,
  ): Promise<ImportReport[]> {
    const reports: ImportReport[] = [];
    for (const kind of DEMO_IMPORT_ORDER) {
      const path = files[kind];
      if (!path) continue;
      const report = await this.imports.importStream(
        kind,
        {
          stream: createReadStream(path),
          fileName: basename(path),
          totalBytes: statSync(path).size,
        },
        { userName },
      );
      reports.push(report);
      if (report.status !== 'succeeded') {
        const first = report.errors[0];
        throw new Error(
          `Import of ${kind} was ${report.status}: ${report.errorCount} errors${first ? `, first at row ${first.row}: ${first.message}` : ''}`,
        );
      }
      const seconds = (report.durationMs ?? 0) / 1000;
      this.logger.log(
        `Imported ${kind}: ${report.rowsImported} rows in ${seconds.toFixed(1)} s (${Math.round(report.rowsImported / Math.max(seconds, 0.001))} rows/s)`,
      );
    }
    return reports;
  }
}
