import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A URL that receives a user's alerts as signed JSON: the body is signed with HMAC-SHA256 under
 * the endpoint's secret (`X-Shelfcast-Signature: sha256=<hex>`).
 */
@Entity('webhook_endpoints')
@Index('idx_webhook_endpoints_user', ['userId'])
export class WebhookEndpoint {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500 })
  url!: string;

  @Column({ type: 'varchar', length: 128 })
  secret!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
