import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** zxcvbn's scale: 0 too guessable … 4 very unguessable. 3 resists an offline attack on a slow hash. */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: loading the dictionaries (common passwords, words, names) takes a second. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return estimator;
}

/**
 * Why a new password is refused, or null when it is acceptable. Beyond the length the DTOs check:
 * not blank, not the user's email (or built from it), and not guessable — checked with zxcvbn
 * against lists of common passwords, words and names, keyboard patterns, repeats and sequences,
 * with the email and the product name as extra words an attacker would try first.
 */
export function passwordProblem(
  password: string,
  email: string,
): string | null {
  if (password.trim() === '') return 'The password must not be only spaces';
  const address = email.trim().toLowerCase();
  if (password.trim().toLowerCase() === address)
    return 'The password must not be the email address';
  const local = address.split('@')[0] ?? '';
  const result = zxcvbn().check(password, [
    address,
    local,
    ...local.split(/[^a-z0-9]+/).filter((w) => w.length >= 3),
    'shelfcast',
  ]);
  if (result.score >= MIN_SCORE) return null;
  const hints = [result.feedback.warning, ...result.feedback.suggestions]
    .filter((h): h is string => Boolean(h))
    .join(' ');
  return `The password is too easy to guess${hints ? `: ${hints}` : ''}. Use a longer phrase of unrelated words.`;
}
