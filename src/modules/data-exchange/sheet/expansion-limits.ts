import { open } from 'node:fs/promises';
import { DomainError, ErrorCode } from '../../../common/errors/domain-error.js';

/**
 * What one uploaded sheet may expand to while it is read (issue 12, finding 3: a 0.3 MB workbook
 * whose one shared string unzipped to 300 MB took 1.1 GB; a one-line 49 MB CSV was held whole).
 * Past any of them the import stops with 413 PAYLOAD_TOO_LARGE naming the limit and its variable.
 */
export interface ExpansionLimits {
  /** All entries of an .xlsx together, unzipped (IMPORT_MAX_UNZIPPED_MB). */
  unzippedBytes: number;
  /** The workbook's shared strings part, unzipped: held in memory while the sheet is read (IMPORT_MAX_SHARED_STRINGS_MB). */
  sharedStringsBytes: number;
  /** One cell's text (IMPORT_MAX_CELL_CHARS; Excel's own limit is 32,767). */
  cellChars: number;
  /** One row's text, all cells together: a CSV line, a worksheet row (IMPORT_MAX_ROW_CHARS). */
  rowChars: number;
}

export const DEFAULT_EXPANSION_LIMITS: ExpansionLimits = {
  unzippedBytes: 256 * 1024 * 1024,
  sharedStringsBytes: 32 * 1024 * 1024,
  cellChars: 32_767,
  rowChars: 1_000_000,
};

type Limit = keyof ExpansionLimits;

const WORDS: Record<Limit, { variable: string; what: string; unit: 'MB' | 'characters'; code: string }> = {
  unzippedBytes: { variable: 'IMPORT_MAX_UNZIPPED_MB', what: 'the workbook unzips to more than', unit: 'MB', code: 'maxUnzippedSize' },
  sharedStringsBytes: { variable: 'IMPORT_MAX_SHARED_STRINGS_MB', what: 'the workbook’s shared strings unzip to more than', unit: 'MB', code: 'maxSharedStrings' },
  cellChars: { variable: 'IMPORT_MAX_CELL_CHARS', what: 'a cell holds more than', unit: 'characters', code: 'maxCellLength' },
  rowChars: { variable: 'IMPORT_MAX_ROW_CHARS', what: 'a row (a CSV line) holds more than', unit: 'characters', code: 'maxRowLength' },
};

/** 413 naming the limit: `the workbook unzips to more than 256 MB (IMPORT_MAX_UNZIPPED_MB)`. */
export function tooLarge(limit: Limit, limits: ExpansionLimits, where?: string): DomainError {
  const w = WORDS[limit];
  const amount = w.unit === 'MB' ? `${Math.round((limits[limit] / 1024 / 1024) * 100) / 100} MB` : `${limits[limit]} characters`;
  const message = `${where ? `${where}: ` : ''}${w.what} ${amount} (${w.variable}); split the file or raise the limit`;
  return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, message, [{ field: 'file', code: w.code, message }]);
}

/** One entry of a zip file's central directory. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * The entries of a zip file as its central directory declares them, read from the file's end without
 * unzipping anything. Null when the file has no readable directory (the reader then reports it).
 * ZIP64 sizes (0xFFFFFFFF) come back as Infinity: no sheet a person uploads needs them.
 */
export async function zipEntries(path: string): Promise<ZipEntry[] | null> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await fh.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) return null;
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count && p + 46 <= cd.length; n++) {
      if (cd.readUInt32LE(p) !== CENTRAL) return null;
      const compressed = cd.readUInt32LE(p + 20);
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      entries.push({
        name: cd.toString('utf8', p + 46, p + 46 + nameLength),
        compressedSize: compressed === 0xffffffff ? Infinity : compressed,
        uncompressedSize: uncompressed === 0xffffffff ? Infinity : uncompressed,
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** Refuses a workbook whose declared sizes already pass the limits, before a byte of it is unzipped. */
export async function checkDeclaredSizes(path: string, limits: ExpansionLimits): Promise<void> {
  const entries = await zipEntries(path);
  if (!entries) return;
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.unzippedBytes) throw tooLarge('unzippedBytes', limits);
  const shared = entries.find((e) => /(^|\/)sharedStrings\.xml$/i.test(e.name));
  if (shared && shared.uncompressedSize > limits.sharedStringsBytes) throw tooLarge('sharedStringsBytes', limits);
}

/**
 * Counts what is actually unzipped (a zip's declared sizes can lie): passes the chunks through and
 * fails with 413 once the part passes `max`, or all parts together pass the workbook's limit.
 */
export class UnzippedBudget {
  private total = 0;

  constructor(private readonly limits: ExpansionLimits) {}

  async *count(chunks: AsyncIterable<Buffer | string>, part?: 'sharedStringsBytes'): AsyncGenerator<Buffer | string> {
    let own = 0;
    for await (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      own += bytes;
      this.total += bytes;
      if (part && own > this.limits[part]) throw tooLarge(part, this.limits);
      if (this.total > this.limits.unzippedBytes) throw tooLarge('unzippedBytes', this.limits);
      yield chunk;
    }
  }
}
