/**
 * JSZip as exceljs's own code uses it (`new JSZip()`, `JSZip.loadAsync`, `file(name, data, { base64 })`,
 * `entry.async("nodebuffer" | "string")`, `generateAsync({ type: "nodebuffer", compression })`), on ./zip.ts
 * (fflate). Browser build only: webpack.config.js builds exceljs from its sources and resolves its
 * `require("jszip")` here, so dist/ carries one zip library instead of fflate plus the JSZip inside exceljs's
 * prebuilt bundle. Node (CLI, tests) keeps exceljs's own JSZip; tests/workbook/exceljsZip.test.ts runs exceljs on
 * this module too.
 *
 * A CommonJS module (`export =`, built as CommonJS by its own ts-loader rule): exceljs `require`s it.
 */
import Zip from "./zip";

interface Genereer {
  readonly type?: string;
  readonly compression?: "DEFLATE" | "STORE";
}

/** Base64 (as exceljs gives an embedded image) to bytes. */
function uitBase64(tekst: string): Uint8Array {
  const binair = atob(tekst);
  const bytes = new Uint8Array(binair.length);
  for (let i = 0; i < binair.length; i++) bytes[i] = binair.charCodeAt(i);
  return bytes;
}

/** A new archive (`new JSZip()`) exceljs writes into, or `ExceljsZip.loadAsync` for one it reads. */
class ExceljsZip {
  private readonly zip = new Zip();

  static loadAsync(data: Uint8Array | ArrayBuffer): Promise<Zip> {
    return Zip.loadAsync(data);
  }

  file(name: string, inhoud: string | Uint8Array, opties?: { base64?: boolean }): this {
    this.zip.file(name, opties?.base64 && typeof inhoud === "string" ? uitBase64(inhoud) : inhoud);
    return this;
  }

  /** As JSZip: "nodebuffer" gives a Buffer (exceljs's stream buffer accepts nothing else), anything else bytes. */
  async generateAsync(opties: Genereer): Promise<Uint8Array> {
    const bytes = await this.zip.generateAsync({ type: "uint8array", compression: opties.compression });
    return opties.type === "nodebuffer" && typeof Buffer !== "undefined"
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : bytes;
  }
}

export = ExceljsZip;
