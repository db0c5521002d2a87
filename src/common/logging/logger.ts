import { ConsoleLogger, LogLevel } from '@nestjs/common';

const LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** The process logger: LOG_LEVEL, one JSON object per line when stdout is not a terminal. */
export function createLogger(level: string): ConsoleLogger {
  return new ConsoleLogger({ json: !process.stdout.isTTY, logLevels: LEVELS[level] });
}
