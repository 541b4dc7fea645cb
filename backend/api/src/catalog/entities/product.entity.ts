import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TrackedRecord } from '../../database/tracked-record';
import { Supplier } from './supplier.entity';

@Entity('products')
export class Product extends TrackedRecord {
  @Column({ type: 'varchar', length: 64, unique: true })
  sku!: string;

  @Column({ type: 'varchar', length: 300 })
  name!: string;

  /** Levels separated by "/", e.g. beverages/juice/orange; prefix queries select a subtree. */
  @Index('idx_products_category_path')
  @Column({ name: 'category_path', type: 'varchar', length: 300 })
  categoryPath!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  brand!: string | null;

  @Column({ name: 'regular_price', type: 'double precision' })
  regularPrice!: number;

  @Column({ name: 'unit_cost', type: 'double precision' })
  unitCost!: number;

  @Column({ name: 'case_pack', type: 'integer', default: 1 })
  casePack!: number;

  @Column({ type: 'integer', default: 0 })
  moq!: number;

  @Column({ name: 'shelf_life_days', type: 'integer', nullable: true })
  shelfLifeDays!: number | null;

  @Column({ name: 'supplier_id', type: 'integer', nullable: true })
  supplierId!: number | null;

  @ManyToOne(() => Supplier, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({
    name: 'supplier_id',
    foreignKeyConstraintName: 'fk_products_supplier',
  })
  supplier?: Supplier | null;

  /** Free-form attributes (JSON object as text, portable across SQLite and PostgreSQL). */
  @Column({ type: 'text', default: '{}' })
  attributes!: string;
}
