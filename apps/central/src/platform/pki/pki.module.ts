import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { LOGGER } from '../logging/logger.js';
import { CentralPki } from './central-pki.js';

/** Loads (or on first start creates) central's CA before anything that signs or serves TLS. */
@Global()
@Module({
  providers: [
    {
      provide: CentralPki,
      inject: [APP_CONFIG, LOGGER],
      useFactory: (config: AppConfig, logger: Logger) =>
        CentralPki.load(config, logger.child({ component: 'pki' })),
    },
  ],
  exports: [CentralPki],
})
export class PkiModule {}
