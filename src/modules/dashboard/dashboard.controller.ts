import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { join, resolve } from 'node:path';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { Public } from '../auth/permissions.js';

/** The built files sit next to this module in dist/ (nest-cli copies public/); under Jest, in src/. */
const HERE = typeof __dirname === 'string' ? __dirname : resolve('src/modules/dashboard');
const FILES: Record<string, { path: string; type: string }> = {
  'app.js': { path: join(HERE, 'public', 'app.js'), type: 'text/javascript; charset=utf-8' },
  'style.css': { path: join(HERE, 'public', 'style.css'), type: 'text/css; charset=utf-8' },
  // Apache ECharts from npm, served by us: the page works offline, without a CDN.
  'echarts.min.js': { path: resolve('node_modules/echarts/dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
};

/**
 * 领导驾驶舱: the leaders' page. Static files only; its data comes from the guarded API with the
 * token the page's own login form obtains.
 */
@ApiExcludeController()
@Controller('dashboard')
@Public()
export class DashboardController {
  @Get()
  index(@Res() res: Response): void {
    res.type('text/html; charset=utf-8').sendFile(join(HERE, 'public', 'index.html'));
  }

  @Get(':file')
  file(@Param('file') file: string, @Res() res: Response): void {
    const found = FILES[file];
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `No dashboard file ${file}`);
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type(found.type).sendFile(found.path);
  }
}
