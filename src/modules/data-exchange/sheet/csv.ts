/**
 * A streaming CSV parser (RFC 4180 as Excel writes it): quoted fields with doubled quotes, commas
 * and line breaks inside quotes, CRLF or LF endings. Records are numbered as the rows Excel shows
 * (a quoted line break does not start a new row), blank lines included, so an error can name the
 * row the user sees.
 */
export interface CsvRecord {
  /** 1-based row number, as Excel numbers the rows of the opened file. */
  row: number;
  cells: string[];
}

/** The separator of the first line: comma unless the line has more tabs or semicolons outside quotes. */
export function detectDelimiter(firstChunk: string): string {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const ch of firstChunk) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  if (counts[';'] > counts[',']) return ';';
  return ',';
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** a quote inside a quoted field: a second quote is a literal one, anything else closes the field */
  QuoteInQuoted,
}

/** How long a cell and a record may get while parsed; past either, `onTooLong` decides what is thrown. */
export interface CsvLimits {
  cellChars: number;
  rowChars: number;
  onTooLong(what: 'cellChars' | 'rowChars', row: number): Error;
}

/**
 * Parses decoded text chunks into records; `delimiter` is detected from the first line when absent.
 * With `limits`, a cell or record is given up as soon as it passes its length, so a file of one
 * 49 MB line is never held whole.
 */
export async function* parseCsv(chunks: AsyncIterable<string>, delimiter?: string, limits?: CsvLimits): AsyncGenerator<CsvRecord> {
  let sep = delimiter;
  let cells: string[] = [];
  let field = '';
  let state = State.FieldStart;
  let row = 1;
  let skipLf = false;
  let first = true;
  /** Characters of the finished cells of the current record. */
  let rowChars = 0;
  const pushCell = (cell: string): void => {
    if (limits) {
      if (cell.length > limits.cellChars) throw limits.onTooLong('cellChars', row);
      // Each cell counts its separator too: a line of a million commas is a million characters.
      rowChars += cell.length + 1;
      if (rowChars > limits.rowChars) throw limits.onTooLong('rowChars', row);
    }
    cells.push(cell);
  };
  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      sep ??= detectDelimiter(chunk);
      first = false;
    }
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i];
      if (skipLf) {
        skipLf = false;
        if (ch === '\n') {
          start = i + 1;
          continue;
        }
      }
      if (state === State.Quoted) {
        if (ch === '"') {
          field += chunk.slice(start, i);
          state = State.QuoteInQuoted;
        }
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (ch === '"') {
          field += '"';
          state = State.Quoted;
          start = i + 1;
          continue;
        }
        // The field's closing quote; text after it up to the separator is kept as it is (as Excel does).
        state = State.Unquoted;
        start = i;
      }
      if (state === State.FieldStart && ch === '"') {
        state = State.Quoted;
        start = i + 1;
      } else if (ch === sep) {
        pushCell(field + chunk.slice(start, i));
        field = '';
        state = State.FieldStart;
        start = i + 1;
      } else if (ch === '\n' || ch === '\r') {
        pushCell(field + chunk.slice(start, i));
        yield { row: row++, cells };
        cells = [];
        rowChars = 0;
        field = '';
        state = State.FieldStart;
        start = i + 1;
        skipLf = ch === '\r';
      } else {
        state = State.Unquoted;
      }
    }
    if (state === State.Unquoted || state === State.Quoted) field += chunk.slice(start);
    if (limits) {
      // A cell still open at the chunk's end (a quoted one may run on for megabytes).
      if (field.length > limits.cellChars) throw limits.onTooLong('cellChars', row);
      if (rowChars + field.length > limits.rowChars) throw limits.onTooLong('rowChars', row);
    }
  }
  // The last record of a file without a final line break (an unterminated quote runs to the end).
  if (state !== State.FieldStart || field !== '' || cells.length > 0) {
    pushCell(field);
    yield { row, cells };
  }
}
