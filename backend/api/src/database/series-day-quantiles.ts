import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every stored quantile forecast of a store × product series on one day shares: the
 * series and day (part of the key) and the P10/P50/P90 band. Entities extend it and add the rest
 * of their key (a run, an issue) and their own columns.
 */
export abstract class SeriesDayQuantiles {
  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @PrimaryColumn({ name: 'product_id', type: 'integer' })
  productId!: number;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'double precision' })
  p10!: number;

  @Column({ type: 'double precision' })
  p50!: number;

  @Column({ type: 'double precision' })
  p90!: number;
}
