import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { accessTokenKey } from './access-token-key';
import { AccessGuard } from './access.guard';
import { ApiKeyStrategy } from './api-key.strategy';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DataScopeService } from './data-scope/data-scope.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginThrottle } from './login-throttle';
import { PrincipalCache } from './principal-cache';
import { SessionPurgeJob } from './sessions/session-purge.job';
import { SessionsService } from './sessions/sessions.service';

@Global()
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig, DataSource],
      useFactory: async (config: AppConfig, dataSource: DataSource) => ({
        secret: await accessTokenKey(config, dataSource),
        signOptions: { algorithm: 'HS256', expiresIn: config.jwtExpiresInSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, ApiKeysController],
  providers: [
    AuthService,
    ApiKeysService,
    LoginThrottle,
    PrincipalCache,
    SessionsService,
    SessionPurgeJob,
    JwtStrategy,
    ApiKeyStrategy,
    DataScopeService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [DataScopeService, PrincipalCache, SessionsService, LoginThrottle],
})
export class AuthModule {}
