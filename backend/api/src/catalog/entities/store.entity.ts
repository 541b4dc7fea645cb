import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('stores')
export class Store {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 100 })
  region!: string;

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

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
