import { CreateCatalog1764361200000 } from './1764361200000-CreateCatalog';
import { CreateSalesAndInventory1764361260000 } from './1764361260000-CreateSalesAndInventory';
import { CreateSignalsAndEvents1764361320000 } from './1764361320000-CreateSignalsAndEvents';
import { CreateImportRuns1764361380000 } from './1764361380000-CreateImportRuns';
import { CreateUsersAndAudit1764400000000 } from './1764400000000-CreateUsersAndAudit';
import { CreateForecastRuns1764500000000 } from './1764500000000-CreateForecastRuns';
import { CreateRecommendations1764600000000 } from './1764600000000-CreateRecommendations';
import { CreateReportSchedules1764700000000 } from './1764700000000-CreateReportSchedules';
import { CreateAffinity1764800000000 } from './1764800000000-CreateAffinity';
import { CreateRunBacktests1764900000000 } from './1764900000000-CreateRunBacktests';
import { AddDecisionApprovals1765000000000 } from './1765000000000-AddDecisionApprovals';
import { CreateNotifications1765100000000 } from './1765100000000-CreateNotifications';
import { CreateRealizedAccuracy1765100060000 } from './1765100060000-CreateRealizedAccuracy';
import { AddServedPolicyInputs1765200000000 } from './1765200000000-AddServedPolicyInputs';
import { CreatePolicyProof1765210000000 } from './1765210000000-CreatePolicyProof';
import { AddDeliveryDueIndex1765400190000 } from './1765400190000-AddDeliveryDueIndex';
import { AddRecommendationRisk1765400200000 } from './1765400200000-AddRecommendationRisk';
import { AddRunShards1765400220000 } from './1765400220000-AddRunShards';
import { AddRunGlobalModels1765400300001 } from './1765400300001-AddRunGlobalModels';
import { MakeStoreRegionOptional1765400330000 } from './1765400330000-MakeStoreRegionOptional';

/** Every migration in order. New migrations are appended here (the API bundle imports this list). */
export const ALL_MIGRATIONS = [
  CreateCatalog1764361200000,
  CreateSalesAndInventory1764361260000,
  CreateSignalsAndEvents1764361320000,
  CreateImportRuns1764361380000,
  CreateUsersAndAudit1764400000000,
  CreateForecastRuns1764500000000,
  CreateRecommendations1764600000000,
  CreateReportSchedules1764700000000,
  CreateAffinity1764800000000,
  CreateRunBacktests1764900000000,
  AddDecisionApprovals1765000000000,
  CreateNotifications1765100000000,
  CreateRealizedAccuracy1765100060000,
  AddServedPolicyInputs1765200000000,
  CreatePolicyProof1765210000000,
  AddDeliveryDueIndex1765400190000,
  AddRecommendationRisk1765400200000,
  AddRunShards1765400220000,
  AddRunGlobalModels1765400300001,
  MakeStoreRegionOptional1765400330000,
];
