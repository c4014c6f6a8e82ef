import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { LOGGER, type Logger } from '../logging/logger.js';
import { createFormatError } from './format-error.js';
import { parseOptions, queryCostPlugin, queryLimitRules } from './query-limits.js';
import { RequestLoaders } from './request-loaders.js';

export type GraphqlContext = { req: Request; res: Response; loaders: RequestLoaders };

/**
 * Code-first GraphQL at /graphql (Apollo 5 on Express 5). The schema is built in memory;
 * the committed `apps/central/schema.graphql` is checked against it by the integration suite
 * (`UPDATE_SCHEMA=1` rewrites it).
 */
export function graphqlModule() {
  return GraphQLModule.forRootAsync<ApolloDriverConfig>({
    driver: ApolloDriver,
    inject: [APP_CONFIG, LOGGER],
    useFactory: (config: AppConfig, logger: Logger): ApolloDriverConfig => ({
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      graphiql: config.graphiql,
      introspection: config.graphqlIntrospection,
      includeStacktraceInErrorResponses: false,
      context: ({ req, res }: Omit<GraphqlContext, 'loaders'>): GraphqlContext => ({
        req,
        res,
        loaders: new RequestLoaders(),
      }),
      formatError: createFormatError(logger),
      // No HTTP caching of GraphQL responses here; Apollo's cache-control plugin would otherwise
      // wrap every field resolution (15,000 fields in one billing usage page).
      plugins: [
        ApolloServerPluginCacheControlDisabled(),
        queryCostPlugin(config.graphqlLimits.maxCost),
      ],
      // Oversized queries are refused before any resolver runs (tokens while parsing).
      parseOptions: parseOptions(config.graphqlLimits),
      validationRules: queryLimitRules(config.graphqlLimits),
      // Field resolvers (@ResolveField) run after the root resolver returned, outside its
      // async scope: re-enter the tenant context for them too.
      fieldResolverEnhancers: ['interceptors'],
    }),
  });
}
