import { Logger as NestLogger } from '@nestjs/common';
import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';

/**
 * Sends TypeORM's messages through the app's logger (JSON, request-agnostic).
 * Query parameters are never logged: they can hold password hashes or customer data.
 */
export class TypeOrmLogger extends AbstractLogger {
  private readonly logger = new NestLogger('Database');

  protected writeLog(
    level: LogLevel,
    message: LogMessage | string | number | (LogMessage | string | number)[],
  ): void {
    const messages = (Array.isArray(message) ? message : [message]).map((entry) =>
      typeof entry === 'object' ? { type: entry.type, message: entry.message } : { message: entry },
    );
    for (const entry of messages) {
      if (level === 'error') this.logger.error(entry);
      else if (level === 'warn') this.logger.warn(entry);
      else this.logger.log(entry);
    }
  }
}
