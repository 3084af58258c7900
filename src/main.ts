import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { EnvironmentError } from './core/config/environment';

const logger = new Logger('Main');

async function main(): Promise<void> {
  const running = await createApp();
  const { app, config } = running;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received; draining requests and stopping`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  await app.listen({ port: config.port, host: '0.0.0.0' });
  logger.log(
    `API on http://localhost:${config.port}/api/v1, Swagger UI on http://localhost:${config.port}/docs`,
  );
}

main().catch((error: unknown) => {
  Logger.flush();
  if (error instanceof EnvironmentError) {
    logger.error(error.message);
  } else {
    logger.error({ err: error }, 'Failed to start');
  }
  process.exit(1);
});
