import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SitesRepository } from './sites.repository.js';
import { CustomerSitesLoader } from './customer-sites.loader.js';
import { CustomerSitesResolver } from './customer-sites.resolver.js';
import { SitesResolver } from './sites.resolver.js';
import { SitesService } from './sites.service.js';

@Module({
  imports: [AuditModule],
  providers: [
    SitesRepository,
    SitesService,
    SitesResolver,
    CustomerSitesLoader,
    CustomerSitesResolver,
  ],
})
export class SitesModule {}
