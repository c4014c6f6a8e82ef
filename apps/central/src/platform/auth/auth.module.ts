import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { AccessTokens } from './access-tokens.js';
import { AuthGuard } from './auth.guard.js';
import { AuthRepository } from './auth.repository.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { AUTH_SETTINGS, type AuthSettings } from './auth.settings.js';
import { Authenticator } from './authenticator.js';
import { BearerAuthenticator } from './bearer-authenticator.js';
import { TenantContextInterceptor } from './tenant-context.interceptor.js';

/** Sessions, API-key authentication, and the global guard + tenant-context interceptor. */
@Global()
@Module({
  providers: [
    {
      provide: AccessTokens,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new AccessTokens(config.jwtSecret.reveal(), config.accessTokenTtlSeconds),
    },
    {
      provide: AUTH_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): AuthSettings => ({
        refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
      }),
    },
    AuthRepository,
    AuthService,
    AuthResolver,
    { provide: Authenticator, useClass: BearerAuthenticator },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: TenantContextInterceptor },
  ],
  exports: [AccessTokens],
})
export class AuthModule {}
