import { DomainException } from '../common/domain.exception';

/** Everything reports refuse: unknown report or format, a filter the report does not take, unknown store or file. */
export class ReportsException extends DomainException {}
