import { detectDelimiter, parseCsv } from './csv.js';

async function parse(chunks: string[]): Promise<{ row: number; cells: string[] }[]> {
  async function* source(): AsyncGenerator<string> {
    yield* chunks;
  }
  const out = [];
  for await (const r of parseCsv(source())) out.push(r);
  return out;
}

describe('CSV parser', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, numbering rows as Excel does', async () => {
    const rows = await parse(['\ufeff名称,备注\r\n"甲,乙","他说""好"""\r\n"多\r\n行",x\r\n\r\n末行,y']);
    expect(rows).toEqual([
      { row: 1, cells: ['名称', '备注'] },
      { row: 2, cells: ['甲,乙', '他说"好"'] },
      { row: 3, cells: ['多\r\n行', 'x'] },
      { row: 4, cells: [''] },
      { row: 5, cells: ['末行', 'y'] },
    ]);
  });

  it('gives the same records however the text is cut into chunks', async () => {
    const text = 'a,"b ""q"" c",d\r\n"x\ny",,z\n1,2,3';
    const whole = await parse([text]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(await parse(text.split(''))).toEqual(whole);
  });

  it('detects tab and semicolon separated text', () => {
    expect(detectDelimiter('名称\t代码\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n')).toBe(';');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
  });
});
