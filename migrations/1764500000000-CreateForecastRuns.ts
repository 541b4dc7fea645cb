import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { dialect } from './support/dialect';

/** Training runs, their per-series outcome, metrics, artifacts, forecasts and the serving pointer. */
export class CreateForecastRuns1764500000000 implements MigrationInterface {
  name = 'CreateForecastRuns1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const d = dialect(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'forecast_runs',
        columns: [
          { ...d.varchar('id', 36), isPrimary: true },
          d.varchar('status', 16),
          d.varchar('trigger_type', 16),
          d.varchar('trigger_key', 64, { isNullable: true }),
          d.varchar('scope_type', 16, { default: d.str('all') }),
          d.varchar('scope_key', 300, { default: d.str('') }),
          d.varchar('requested_by', 200, { isNullable: true }),
          d.varchar('mode', 16, { default: d.str('threads') }),
          d.varchar('backend', 16, { isNullable: true }),
          d.int('series_total', { default: '0' }),
          d.int('series_done', { default: '0' }),
          d.int('series_failed', { default: '0' }),
          d.int('shards_total', { default: '0' }),
          d.int('shards_done', { default: '0' }),
          d.text('phases', { isNullable: true }),
          d.text('errors', { isNullable: true }),
          d.text('log', { isNullable: true }),
          d.text('metrics', { isNullable: true }),
          d.text('message', { isNullable: true }),
          d.varchar('champion_run_id', 36, { isNullable: true }),
          d.double('champion_wape', { isNullable: true }),
          d.double('wape', { isNullable: true }),
          d.date('data_end', { isNullable: true }),
          d.bool('cancel_requested', false),
          d.timestamp('created_at'),
          d.timestamp('started_at', { isNullable: true }),
          d.timestamp('finished_at', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_forecast_runs_trigger_key',
            columnNames: ['trigger_key'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_forecast_runs_created',
            columnNames: ['created_at'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'forecast_run_series',
        columns: [
          { ...d.varchar('run_id', 36), isPrimary: true },
          { ...d.int('store_id'), isPrimary: true },
          { ...d.int('product_id'), isPrimary: true },
          d.varchar('model', 32),
          d.varchar('kind', 16),
          d.double('wape', { isNullable: true }),
          d.double('mase', { isNullable: true }),
          d.double('smape', { isNullable: true }),
          d.double('bias', { isNullable: true }),
          d.double('coverage', { isNullable: true }),
          d.double('volume', { default: '0' }),
          d.text('drivers', { isNullable: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'forecast_values',
        columns: [
          { ...d.varchar('run_id', 36), isPrimary: true },
          { ...d.int('store_id'), isPrimary: true },
          { ...d.int('product_id'), isPrimary: true },
          { ...d.date('date'), isPrimary: true },
          d.double('p10'),
          d.double('p50'),
          d.double('p90'),
          d.varchar('model', 32),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'run_metrics',
        columns: [
          { ...d.varchar('run_id', 36), isPrimary: true },
          { ...d.varchar('level', 16), isPrimary: true },
          { ...d.varchar('level_key', 300), isPrimary: true },
          d.int('series', { default: '0' }),
          d.double('wape', { isNullable: true }),
          d.double('mase', { isNullable: true }),
          d.double('smape', { isNullable: true }),
          d.double('bias', { isNullable: true }),
          d.double('coverage', { isNullable: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'model_artifacts',
        columns: [
          d.id(),
          d.varchar('run_id', 36),
          d.varchar('shard', 100, { default: d.str('') }),
          d.varchar('kind', 32),
          d.varchar('encoding', 16),
          d.text('content'),
          d.int('bytes'),
          d.createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'idx_model_artifacts_run',
            columnNames: ['run_id', 'shard'],
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'serving',
        columns: [
          { ...d.int('id'), isPrimary: true },
          d.varchar('run_id', 36, { isNullable: true }),
          d.timestamp('promoted_at', { isNullable: true }),
        ],
      }),
    );
    await queryRunner.query('INSERT INTO serving (id) VALUES (1)');
    await queryRunner.createTable(
      new Table({
        name: 'scheduler_locks',
        columns: [
          { ...d.varchar('name', 64), isPrimary: true },
          d.varchar('holder', 200, { isNullable: true }),
          d.varchar('run_id', 36, { isNullable: true }),
          d.bigint('lease_until', { default: '0' }),
          d.bigint('heartbeat_at', { default: '0' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'scheduler_locks',
      'serving',
      'model_artifacts',
      'run_metrics',
      'forecast_values',
      'forecast_run_series',
      'forecast_runs',
    ])
      await queryRunner.dropTable(table);
  }
}
