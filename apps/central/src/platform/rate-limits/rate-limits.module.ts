import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimits } from './rate-limits.js';
import { RequestRateLimitInterceptor } from './request-rate-limit.interceptor.js';

/** Shared rate limits (sign-in, enrollment, requests per principal) for the whole app. */
@Global()
@Module({
  providers: [RateLimits, { provide: APP_INTERCEPTOR, useClass: RequestRateLimitInterceptor }],
  exports: [RateLimits],
})
export class RateLimitsModule {}
