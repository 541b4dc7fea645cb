/** What a key press means on the inventory review list (null: not ours, let it through). */
export type ReviewKeyAction =
  | 'next'
  | 'previous'
  | 'open'
  | 'close'
  | 'approve'
  | 'reject';

/**
 * Review from the keyboard: j/k move between rows, Enter opens, a approves, r rejects, Esc
 * closes the detail. Ignored while typing in a field or with a modifier held, and Enter on a
 * button or link keeps its own meaning.
 */
export function reviewKeyAction(event: KeyboardEvent): ReviewKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event))
    return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'Enter':
      return isInteractive(event) ? null : 'open';
    case 'Escape':
      return 'close';
    case 'a':
      return 'approve';
    case 'r':
      return 'reject';
    default:
      return null;
  }
}

function isTyping(event: KeyboardEvent): boolean {
  const el = event.target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return (
    el.isContentEditable ||
    el.closest(
      'input, textarea, select, mat-select, [role="listbox"], [role="dialog"]',
    ) !== null
  );
}

function isInteractive(event: KeyboardEvent): boolean {
  const el = event.target as HTMLElement | null;
  return !!el?.closest?.('button, a');
}
