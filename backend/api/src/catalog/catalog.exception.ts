import { DomainException } from '../common/domain.exception';

/** What the catalog refuses: an unknown store. */
export class CatalogException extends DomainException {}
