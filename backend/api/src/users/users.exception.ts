import { DomainException } from '../common/domain.exception';

/** Everything user management refuses: unknown user or store, duplicate email, last admin. */
export class UsersException extends DomainException {}
