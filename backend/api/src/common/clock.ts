/**
 * The current time, injected so that date rules ("no later than today") can be tested on a fixed
 * day. Provided once, globally, by the config module.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date (UTC) as yyyy-mm-dd. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock stopped at one instant (tests). */
export class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }

  now(): Date {
    return new Date(this.at.getTime());
  }
}
