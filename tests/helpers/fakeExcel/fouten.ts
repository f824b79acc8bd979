/** Shaped like OfficeExtension.Error: name "RichApi.Error", an Excel error code and `debugInfo`. */
export class FakeExcelFout extends Error {
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    bericht: string,
  ) {
    super(`${code}: ${bericht}`);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message: bericht };
  }
}

export function fout(code: string, bericht: string): FakeExcelFout {
  return new FakeExcelFout(code, bericht);
}
