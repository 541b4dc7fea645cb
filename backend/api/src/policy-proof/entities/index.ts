import { PolicyProofLine } from './policy-proof-line.entity';
import { PolicyProof } from './policy-proof.entity';

export const POLICY_PROOF_ENTITIES = [PolicyProof, PolicyProofLine];
