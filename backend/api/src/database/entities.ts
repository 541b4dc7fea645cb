import { Product } from '../catalog/entities/product.entity';
import { Store } from '../catalog/entities/store.entity';
import { StoreProduct } from '../catalog/entities/store-product.entity';
import { Supplier } from '../catalog/entities/supplier.entity';
import { ImportRun } from '../imports/entities/import-run.entity';
import { InventorySnapshot } from '../inventory/entities/inventory-snapshot.entity';
import { PurchaseOrder } from '../inventory/entities/purchase-order.entity';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { User } from '../users/entities/user.entity';
import { UserStore } from '../users/entities/user-store.entity';
import { Sale } from '../sales/entities/sale.entity';
import { CalendarEvent } from '../signals/entities/calendar-event.entity';
import { Signal } from '../signals/entities/signal.entity';
import { SignalValue } from '../signals/entities/signal-value.entity';
import { TRAINING_ENTITIES } from '../training/entities';
import { Recommendation } from '../recommendations/entities/recommendation.entity';
import { RecommendationDecision } from '../recommendations/entities/recommendation-decision.entity';
import { ForecastOverride } from '../overrides/entities/forecast-override.entity';
import { ReportFile } from '../reports/entities/report-file.entity';
import { ReportSchedule } from '../reports/entities/report-schedule.entity';
import { AFFINITY_ENTITIES } from '../affinity/entities';
import { NOTIFICATION_ENTITIES } from '../notifications/entities';
import { REALIZED_ENTITIES } from '../realized/entities';
import { POLICY_PROOF_ENTITIES } from '../policy-proof/entities';

/** Every entity; later features (forecast runs, recommendations, audit log) append theirs here. */
export const ALL_ENTITIES = [
  Store,
  Supplier,
  Product,
  StoreProduct,
  Sale,
  InventorySnapshot,
  PurchaseOrder,
  Signal,
  SignalValue,
  CalendarEvent,
  ImportRun,
  User,
  UserStore,
  RefreshToken,
  AuditEntry,
  ...TRAINING_ENTITIES,
  Recommendation,
  RecommendationDecision,
  ForecastOverride,
  ...AFFINITY_ENTITIES,
  ReportSchedule,
  ReportFile,
  ...NOTIFICATION_ENTITIES,
  ...REALIZED_ENTITIES,
  ...POLICY_PROOF_ENTITIES,
];
