import { DomainException } from '../domain.exception';

/** Everything authentication and authorization refuse: no or bad token (401), wrong role (403). */
export class AuthException extends DomainException {}
