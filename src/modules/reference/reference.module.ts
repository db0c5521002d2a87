import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Industry, IndustrySegment, Zone } from './reference.entities.js';
import { ReferenceController } from './reference.controller.js';
import { ReferenceService } from './reference.service.js';
import { ReferenceSeeder } from './reference-seeder.service.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Industry, IndustrySegment, Zone])],
  controllers: [ReferenceController],
  providers: [ReferenceService, ReferenceSeeder],
  exports: [ReferenceService, ReferenceSeeder],
})
export class ReferenceModule {}
