import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('signal_values')
export class SignalValue {
  @PrimaryColumn({ name: 'signal_id', type: 'integer' })
  signalId!: number;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'double precision' })
  value!: number;
}
