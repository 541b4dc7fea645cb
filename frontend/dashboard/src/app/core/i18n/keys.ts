import type {
  ImportErrorReason,
  ImportKind,
  ImportStatus,
} from '@shelfcast/contracts';
import type { TranslationKey } from './en';

/** Typed keys for values that come from the API (a missing translation is a compile error). */
export function kindKey(kind: ImportKind): TranslationKey {
  return `kind.${kind}` as const;
}

export function statusKey(status: ImportStatus): TranslationKey {
  return `status.${status}` as const;
}

export function reasonKey(reason: ImportErrorReason): TranslationKey {
  return `reason.${reason}` as const;
}
