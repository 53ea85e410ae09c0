// The currencies a deal's value may be in, with the digits of their minor
// unit (ISO 4217): the one table the API validates and converts amounts with
// and the portal offers and formats them with. Plain data, no imports, so the
// API Worker and the portal's Vite build can both take it as it is. The
// display name comes from Intl.DisplayNames in the reader's language.
export const CURRENCY_TABLE = [
  { code: "USD", digits: 2 },
  { code: "EUR", digits: 2 },
  { code: "GBP", digits: 2 },
  { code: "CHF", digits: 2 },
  { code: "CAD", digits: 2 },
  { code: "AUD", digits: 2 },
  { code: "NZD", digits: 2 },
  { code: "JPY", digits: 0 },
  { code: "CNY", digits: 2 },
  { code: "HKD", digits: 2 },
  { code: "SGD", digits: 2 },
  { code: "INR", digits: 2 },
  { code: "BRL", digits: 2 },
  { code: "MXN", digits: 2 },
  { code: "ZAR", digits: 2 },
  { code: "SEK", digits: 2 },
  { code: "NOK", digits: 2 },
  { code: "DKK", digits: 2 },
  { code: "PLN", digits: 2 },
  { code: "CZK", digits: 2 },
  { code: "KRW", digits: 0 },
  { code: "TWD", digits: 2 },
  { code: "AED", digits: 2 },
  { code: "SAR", digits: 2 },
  { code: "TRY", digits: 2 },
  { code: "ILS", digits: 2 },
  { code: "ARS", digits: 2 },
  { code: "CLP", digits: 0 },
  { code: "COP", digits: 2 },
] as const satisfies readonly { code: string; digits: number }[];

export type CurrencyCode = (typeof CURRENCY_TABLE)[number]["code"];

/** The accepted codes, in the table's order (the form's order). */
export const CURRENCY_CODES: readonly CurrencyCode[] = CURRENCY_TABLE.map((c) => c.code);

const digitsByCode: ReadonlyMap<string, number> = new Map(CURRENCY_TABLE.map((c) => [c.code, c.digits]));

export function isCurrencyCode(code: string): code is CurrencyCode {
  return digitsByCode.has(code);
}

/** Digits after the decimal point: 2 for USD, 0 for JPY; 2 for a code not in the table. */
export function currencyDigits(code: string): number {
  return digitsByCode.get(code) ?? 2;
}
