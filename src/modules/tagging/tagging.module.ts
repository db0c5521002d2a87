import { Module } from '@nestjs/common';
import { TaggingController } from './tagging.controller.js';
import { TaggingService } from './tagging.service.js';

/** Industry auto-tagging (产业自动标注) from business scopes, on the seeds/ keyword dictionary. */
@Module({
  controllers: [TaggingController],
  providers: [TaggingService],
  exports: [TaggingService],
})
export class TaggingModule {}
