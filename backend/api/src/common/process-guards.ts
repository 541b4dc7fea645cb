import { Logger } from '@nestjs/common';

/** Where the guards report; Nest's logger by default, replaceable for tests. */
export interface GuardLog {
  error(message: string): void;
}

const installed = new WeakSet<NodeJS.Process>();

/**
 * Keeps the process serving when a promise nobody awaited rejects or a callback throws. Node's
 * default is to exit, which took the whole API down when one background write (the training
 * lock's release) failed while the database was busy; an HTTP server whose requests each run in
 * their own promise chain is better off logging the fault and carrying on. A crash that does
 * leave the process unusable is the supervisor's to restart (backend/tools/supervise.js).
 * Installing twice is a no-op.
 */
export function installProcessGuards(
  target: NodeJS.Process = process,
  log: GuardLog = new Logger('Process'),
): void {
  if (installed.has(target)) return;
  installed.add(target);
  target.on('unhandledRejection', (reason: unknown) => {
    log.error(`Unhandled promise rejection (ignored): ${describe(reason)}`);
  });
  target.on('uncaughtException', (error: Error, origin: string) => {
    log.error(`Uncaught exception in ${origin} (ignored): ${describe(error)}`);
  });
}

function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.stack ?? reason.message;
  return String(reason);
}
