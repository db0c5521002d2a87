/**
 * What the benchmark scripts share: their command-line options, a free port on 127.0.0.1, a sheet of
 * valid, distinct companies (valid USCC check characters, Chinese industry names) and its upload to
 * the import route.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** `--name value` options and `--flag` switches of this process. */
export function cliOptions(argv = process.argv.slice(2)) {
  return {
    opt: (name, fallback) => {
      const i = argv.indexOf(`--${name}`);
      return i >= 0 ? argv[i + 1] : fallback;
    },
    flag: (name) => argv.includes(`--${name}`),
  };
}

export async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(n) {
  let body = '';
  for (let i = 0, x = n; i < 9; i++, x = Math.floor(x / 31)) body = ALPHABET[x % 31] + body;
  const first = `91120101${body}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first[i]) * WEIGHTS[i];
  return first + ALPHABET[(31 - (sum % 31)) % 31];
}
const PROVINCES = ['北京', '天津', '河北', '上海', '广东'];
const INDUSTRIES = [
  ['创新金融', '融资租赁'],
  ['全球商贸', '跨境电商'],
  ['现代商服', '管理咨询'],
  ['智能科技', '人工智能'],
  ['国际文旅', '动漫'],
  ['全民健康', '健康管理'],
];
export const COMPANY_HEADER = ['企业名称', '统一社会信用代码', '来源地省份', '所属产业', '细分领域'];
export const companyRow = (n) => {
  const [industry, segment] = INDUSTRIES[n % INDUSTRIES.length];
  return [`和平基准测试企业${String(n).padStart(7, '0')}有限公司`, uscc(n), PROVINCES[n % PROVINCES.length], industry, segment];
};

/** Waits until the service answers /health quickly again (a scenario can leave requests in flight). */
export async function drain(base) {
  for (let i = 0; i < 600; i++) {
    const t0 = Date.now();
    await fetch(`${base}/health`).catch(() => undefined);
    if (Date.now() - t0 < 50) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function buildCompaniesCsv(path, from, rows) {
  const lines = [COMPANY_HEADER.join(',')];
  for (let i = 0; i < rows; i++) lines.push(companyRow(from + i).join(','));
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`);
}

export async function importFile(base, token, path, name) {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)]), name);
  const started = process.hrtime.bigint();
  const res = await fetch(`${base}/api/v1/imports/companies`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const body = await res.json();
  if (!res.ok) throw new Error(`import ${name}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { seconds, body };
}

