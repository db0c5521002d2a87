import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Project } from '../projects/project.entity.js';
import { Building } from './building.entity.js';
import { BuildingsController } from './buildings.controller.js';
import { BuildingsService } from './buildings.service.js';
import { Placement } from './placement.entity.js';
import { PlacementsController } from './placements.controller.js';
import { PlacementsService } from './placements.service.js';
import { UnitStatusChange } from './unit-status-change.entity.js';
import { Unit } from './unit.entity.js';
import { UnitsController } from './units.controller.js';
import { UnitsService } from './units.service.js';
import { VacancySnapshot } from './vacancy-snapshot.entity.js';
import { VacancyController } from './vacancy.controller.js';
import { VacancyService } from './vacancy.service.js';

/** Office buildings, their units and vacancy, placements of landed projects and matching. */
@Module({
  imports: [TypeOrmModule.forFeature([Building, Unit, UnitStatusChange, Placement, VacancySnapshot, Project])],
  controllers: [BuildingsController, UnitsController, VacancyController, PlacementsController],
  providers: [BuildingsService, UnitsService, VacancyService, PlacementsService],
  exports: [VacancyService, UnitsService, BuildingsService, PlacementsService],
})
export class BuildingsModule {}
