import { USCC_ALPHABET, withUsccCheckChar } from '../../src/common/identity/uscc.js';

let counter = 0;

/** A fresh valid unified social credit code (91 = enterprise, 120101 = Heping District). */
export function validUscc(): string {
  counter++;
  let n = counter + Math.floor(Math.random() * 1e6) * 1000;
  let body = '';
  for (let i = 0; i < 9; i++) {
    body = USCC_ALPHABET[n % 31] + body;
    n = Math.floor(n / 31);
  }
  return withUsccCheckChar(`91120101${body}`);
}
