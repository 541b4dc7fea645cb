import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Store } from '../../catalog/entities/store.entity';
import { User } from './user.entity';

/** Which stores a store manager may see and act on. */
@Entity('user_stores')
@Index('idx_user_stores_store', ['storeId'])
export class UserStore {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId!: number;

  @PrimaryColumn({ name: 'store_id', type: 'integer' })
  storeId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'user_id',
    foreignKeyConstraintName: 'fk_user_stores_user',
  })
  user?: User;

  @ManyToOne(() => Store, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'store_id',
    foreignKeyConstraintName: 'fk_user_stores_store',
  })
  store?: Store;
}
