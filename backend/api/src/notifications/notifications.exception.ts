import { DomainException } from '../common/domain.exception';

/** What the notification API refuses: someone else's notification or endpoint, a bad setting. */
export class NotificationsException extends DomainException {}
