import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SignalScope } from '@shelfcast/contracts';

/** A named market-trend series (cpi, fuel_price, a category search index...) and where it applies. */
@Entity('signals')
@Index('uq_signals_name_scope', ['name', 'scope', 'scopeKey'], { unique: true })
export class Signal {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  scope!: SignalScope;

  /** Region name, store code or category path; '' for global (not NULL, so the unique key holds). */
  @Column({ name: 'scope_key', type: 'varchar', length: 300, default: '' })
  scopeKey!: string;
}
