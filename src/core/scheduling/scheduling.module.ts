import { Global, Module } from '@nestjs/common';
import { JobScheduler } from './job-scheduler';

@Global()
@Module({ providers: [JobScheduler], exports: [JobScheduler] })
export class SchedulingModule {}
