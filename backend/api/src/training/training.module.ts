import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ShardExecutor } from './engine/shard-executor';
import { PostPromotionHistory } from './post-promotion-history.service';
import { ThreadsShardExecutor } from './engine/threads-executor';
import { RedisShardExecutor } from './queue/redis-executor';
import { TrainingController } from './training.controller';
import { TrainingLockService } from './training-lock.service';
import { TrainingProgressService } from './training-progress.service';
import { TrainingPromotion } from './training-promotion.service';
import { TrainingRetention } from './training-retention.service';
import { TrainingRunExecution } from './training-run-execution.service';
import { TrainingRunLifecycle } from './training-run-lifecycle.service';
import { TrainingRunPlanner } from './training-run-planner.service';
import { TrainingRunQueries } from './training-run-queries.service';
import { TrainingRunState } from './training-run-state.service';
import { TrainingScheduler } from './training.scheduler';

/** Overnight retraining: schedule, lock, worker threads or BullMQ shards, registry, promotion. */
@Module({
  controllers: [TrainingController],
  providers: [
    TrainingRunLifecycle,
    TrainingRunExecution,
    TrainingRunPlanner,
    TrainingRunState,
    TrainingPromotion,
    TrainingRetention,
    TrainingRunQueries,
    TrainingLockService,
    TrainingProgressService,
    TrainingScheduler,
    PostPromotionHistory,
    {
      provide: ShardExecutor,
      inject: [AppConfig],
      useFactory: (config: AppConfig): ShardExecutor =>
        config.training.queue === 'redis'
          ? new RedisShardExecutor(config.training)
          : new ThreadsShardExecutor(
              config.training.workers,
              config.training.inThread,
              config.training.threadNice,
            ),
    },
  ],
  exports: [TrainingProgressService],
})
export class TrainingModule {}
