import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { HttpExceptionFilter } from './http-exception.filter.js';
import { ZodInputPipe } from './zod-input.pipe.js';

/** Input validation and REST error mapping, registered globally. */
@Module({
  providers: [
    { provide: APP_PIPE, useClass: ZodInputPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class ErrorsModule {}
