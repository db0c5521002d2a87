import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesController } from './companies.controller.js';
import { CompaniesService } from './companies.service.js';
import { CompanyDuplicatesService } from './company-duplicates.service.js';
import { CompanyMerge } from './company-merge.entity.js';
import { CompanyMergesService } from './company-merges.service.js';
import { Company } from './company.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Company, CompanyMerge])],
  controllers: [CompaniesController],
  providers: [CompaniesService, CompanyDuplicatesService, CompanyMergesService],
  exports: [CompaniesService, CompanyDuplicatesService],
})
export class CompaniesModule {}
