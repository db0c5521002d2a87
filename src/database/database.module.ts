import { Global, Module } from '@nestjs/common';
import { DerivedCache } from './derived-cache.js';
import { Transactions } from './transactions.js';

@Global()
@Module({ providers: [Transactions, DerivedCache], exports: [Transactions, DerivedCache] })
export class DatabaseModule {}
