import { DomainException } from '../common/domain.exception';

/** What the overview refuses: a bad scope, key or date, an unknown store, region or category. */
export class OverviewException extends DomainException {}
