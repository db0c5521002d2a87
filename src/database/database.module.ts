import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DerivedCache } from './derived-cache.js';
import { Transactions } from './transactions.js';
import { DatabaseStatus, databaseStatusOf } from './write-guard.js';

const DATABASE_STATUS = { provide: DatabaseStatus, inject: [getDataSourceToken()], useFactory: (ds: DataSource) => databaseStatusOf(ds) };

@Global()
@Module({ providers: [Transactions, DerivedCache, DATABASE_STATUS], exports: [Transactions, DerivedCache, DatabaseStatus] })
export class DatabaseModule {}
