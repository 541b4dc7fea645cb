import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RunDetail, RunMetrics, RunSummary } from '@shelfcast/contracts';
import { DataSource } from 'typeorm';
import { ForecastRun, RunMetric, Serving } from './entities';
import { metricsOf, toDetail, toSummary } from './run-views';
import { TrainingException } from './training.exception';

/** Reads of the run registry: the run list, one run with its serving flag, its metrics. */
@Injectable()
export class TrainingRunQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get runs() {
    return this.dataSource.getRepository(ForecastRun);
  }

  async list(limit: number): Promise<RunSummary[]> {
    const rows = await this.runs.find({
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map((r) => toSummary(r));
  }

  async get(id: string): Promise<RunDetail> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw new TrainingException('not_found', `No training run ${id}`);
    const serving = await this.dataSource
      .getRepository(Serving)
      .findOneBy({ id: 1 });
    return toDetail(run, serving?.runId ?? null);
  }

  async metrics(id: string): Promise<RunMetrics> {
    await this.get(id);
    return metricsOf(
      id,
      await this.dataSource.getRepository(RunMetric).findBy({ runId: id }),
    );
  }
}
