import { AFFINITY_ENTITIES } from '../affinity/entities';
import { AUDIT_ENTITIES } from '../audit/entities';
import { AUTH_ENTITIES } from '../auth/entities';
import { CATALOG_ENTITIES } from '../catalog/entities';
import { IMPORTS_ENTITIES } from '../imports/entities';
import { INVENTORY_ENTITIES } from '../inventory/entities';
import { NOTIFICATION_ENTITIES } from '../notifications/entities';
import { OVERRIDES_ENTITIES } from '../overrides/entities';
import { POLICY_PROOF_ENTITIES } from '../policy-proof/entities';
import { REALIZED_ENTITIES } from '../realized/entities';
import { RECOMMENDATIONS_ENTITIES } from '../recommendations/entities';
import { REPORTS_ENTITIES } from '../reports/entities';
import { SALES_ENTITIES } from '../sales/entities';
import { SIGNALS_ENTITIES } from '../signals/entities';
import { TRAINING_ENTITIES } from '../training/entities';
import { USERS_ENTITIES } from '../users/entities';

/**
 * Every entity of the API, composed here (the composition root) from the list each feature
 * exports beside its entities; database/ never imports a feature. A new feature adds its list.
 */
export const ALL_ENTITIES = [
  ...CATALOG_ENTITIES,
  ...SALES_ENTITIES,
  ...INVENTORY_ENTITIES,
  ...SIGNALS_ENTITIES,
  ...IMPORTS_ENTITIES,
  ...USERS_ENTITIES,
  ...AUTH_ENTITIES,
  ...AUDIT_ENTITIES,
  ...TRAINING_ENTITIES,
  ...RECOMMENDATIONS_ENTITIES,
  ...OVERRIDES_ENTITIES,
  ...AFFINITY_ENTITIES,
  ...REPORTS_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...REALIZED_ENTITIES,
  ...POLICY_PROOF_ENTITIES,
];
