import { DomainException } from '../common/domain.exception';

/** What the policy proof refuses: no serving run to prove, an unknown proof. */
export class PolicyProofException extends DomainException {}
