import { ForecastOverride } from './forecast-override.entity';

/** The overrides feature's TypeORM entities, registered by the composition root (app/entities.ts). */
export const OVERRIDES_ENTITIES = [ForecastOverride];
