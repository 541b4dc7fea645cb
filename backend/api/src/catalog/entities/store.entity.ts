import { Column, Entity } from 'typeorm';
import { TrackedRecord } from '../../database/tracked-record';

@Entity('stores')
export class Store extends TrackedRecord {
  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Optional (null: the store belongs to no region; the region level lists it under "(no region)"). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  region!: string | null;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone!: string;

  /** Whether the served policy plans unmet demand as lost (retail default) or backordered. */
  @Column({
    name: 'unmet_demand',
    type: 'varchar',
    length: 16,
    default: 'lost-sales',
  })
  unmetDemand!: 'lost-sales' | 'backorder';
}
