/**
 * A mistake in the calendar section of a plan, or in the arguments handed to the calendar.
 * `field` is the path a user can search for in their plan (e.g. `calendar.market_hours.open`),
 * so the message can be reported plainly instead of as an internal failure.
 */
import { ConfigurationError } from '../config/errors.js';

export class CalendarConfigError extends ConfigurationError {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'CalendarConfigError';
    this.field = field;
  }
}
