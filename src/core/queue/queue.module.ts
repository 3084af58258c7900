import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/** The job queue (pg-boss on the app's database), for every module. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class QueueModule {}
