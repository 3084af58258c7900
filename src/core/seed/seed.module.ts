import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DemoDataRunner } from './demo-seeder';

@Module({ imports: [DiscoveryModule], providers: [DemoDataRunner] })
export class SeedModule {}
