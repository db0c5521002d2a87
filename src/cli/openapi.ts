import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createOpenApiDocument } from '../openapi.js';

/**
 * npm run openapi -- <file> — writes the service's OpenAPI document (what /docs-json serves) to
 * <file>, for generating client types (openapi-typescript). Needs no database and no Redis.
 */
const USAGE = 'Usage: npm run openapi -- <file.json>   (or: node dist/cli/openapi.js <file.json>)';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) throw new Error(USAGE);
  const document = await createOpenApiDocument();
  await writeFile(positionals[0], `${JSON.stringify(document, null, 2)}\n`);
  console.log(`OpenAPI document (${Object.keys(document.paths).length} paths) written to ${positionals[0]}`);
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
