/**
 * Writing a file the user owns, safely — every file the CLI writes but a private key goes through here:
 * - the data goes to a temporary file in the same folder as the real target, is flushed to disk (fsync), and is
 *   renamed over the target in one step; the folder is flushed too, so the rename survives a power cut;
 * - a symbolic link is written through to its target (the link stays a link);
 * - the original's permission bits are kept (a 0600 file stays 0600);
 * - a read-only file (no write bit, as the user set it) is refused with a Dutch message and left untouched — also
 *   for root, who could otherwise replace it;
 * - so is a file open in Excel or LibreOffice (their lock file beside it): where the system lets it be replaced
 *   (Linux, macOS), the program would keep showing the old file and its next save would undo the write, or the
 *   write would miss what the user had not saved yet;
 * - the temporary file is removed on every failure and when the process is stopped (SIGINT, SIGTERM, SIGHUP);
 * - a failure is said in Dutch (`schrijfFoutTekst`: a file open in Excel, a full disk).
 * The bundle and its signature (`opgave bundel maak | onderteken`) and the key pair go through here too; a private
 * key with mode 600 from the start (`modus`: its temporary file is never readable by others either).
 */
import { constants, promises as fs, rmSync } from "fs";
import path from "path";

export class SchrijfFout extends Error {}

/** Temporary files being written right now: removed when a signal stops the process. */
const lopend = new Set<string>();
let signalenGezet = false;

function zetSignalen(): void {
  if (signalenGezet) return;
  signalenGezet = true;
  for (const signaal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const opruimen = (): void => {
      for (const t of lopend) rmSync(t, { force: true });
      lopend.clear();
      // Stop as the signal would have, now that nothing is left behind.
      process.removeListener(signaal, opruimen);
      process.kill(process.pid, signaal);
    };
    process.once(signaal, opruimen);
  }
}

/** What a pipe, socket or device under a file's name is, in Dutch (also ./consolideer, for one it would read). */
export const GEEN_GEWOON_BESTAND = "geen gewoon bestand, maar een pijp, socket of apparaat";

/** The file a write to `bestand` must change: the target of a symbolic link (followed to the end). */
async function echtDoel(bestand: string): Promise<string> {
  try {
    return await fs.realpath(bestand);
  } catch {
    // Not there yet; a dangling link is written where it points.
    const info = await fs.lstat(bestand).catch(() => undefined);
    if (info?.isSymbolicLink()) return path.resolve(path.dirname(bestand), await fs.readlink(bestand));
    return path.resolve(bestand);
  }
}

/** The lock files Excel (`~$name`) and LibreOffice (`.~lock.name#`) put beside a file they have open. */
const VERGRENDELD_DOOR = [
  { programma: "Excel", naam: (b: string) => `~$${b}` },
  { programma: "LibreOffice", naam: (b: string) => `.~lock.${b}#` },
] as const;

/** Why `bestand` (an existing file, `doel` its real target) must not be replaced while a program has it open. */
async function geopendDoor(bestand: string, doel: string): Promise<string | undefined> {
  const plekken = [...new Set([path.resolve(bestand), doel])];
  for (const plek of plekken) {
    for (const { programma, naam } of VERGRENDELD_DOOR) {
      const slot = naam(path.basename(plek));
      const info = await fs.lstat(path.join(path.dirname(plek), slot)).catch(() => undefined);
      if (!info) continue;
      return (
        `${bestand} is geopend in ${programma} (het vergrendelbestand ${slot} staat ernaast); Opgave vervangt het ` +
        `niet, want ${programma} zou het oude werkboek blijven tonen en het bij bewaren terugzetten. Sluit het ` +
        `werkboek en probeer het opnieuw. Is ${programma} al gesloten, dan bleef ${slot} achter: verwijder het.`
      );
    }
  }
  return undefined;
}

/**
 * Why `bestand` cannot be written, in Dutch, or undefined when it can (checked before any work is done, so a
 * refusal leaves everything as it was).
 */
export async function waaromNietSchrijfbaar(bestand: string): Promise<string | undefined> {
  const doel = await echtDoel(bestand);
  const info = await fs.stat(doel).catch(() => undefined);
  if (info?.isDirectory()) return `${bestand} is een map, geen bestand.`;
  // A pipe, socket or device: reading it could wait for ever, and a rename would replace it.
  if (info && !info.isFile()) return `${bestand} is ${GEEN_GEWOON_BESTAND}.`;
  if (info && (info.mode & 0o222) === 0)
    return `${bestand} is alleen-lezen; Opgave overschrijft het niet. Maak het schrijfbaar of kies een ander bestand.`;
  if (info) {
    const toegang = await fs.access(doel, constants.W_OK).then(
      () => true,
      () => false,
    );
    if (!toegang) return `U mag ${bestand} niet wijzigen (geen schrijfrechten).`;
    const geopend = await geopendDoor(bestand, doel);
    if (geopend) return geopend;
  }
  const map = path.dirname(doel);
  const mapInfo = await fs.stat(map).catch(() => undefined);
  if (!mapInfo) return `De map ${map} bestaat niet; maak haar eerst aan of kies een andere map.`;
  if (!mapInfo.isDirectory()) return `${map} is geen map; kies een ander bestand.`;
  const schrijfbaar = await fs.access(map, constants.W_OK).then(
    () => true,
    () => false,
  );
  return schrijfbaar ? undefined : `In de map van ${bestand} mag niet worden geschreven.`;
}

const BLOK = 1024 * 1024;

async function schrijfEnSync(tijdelijk: string, data: Uint8Array, mode: number): Promise<void> {
  const handle = await fs.open(tijdelijk, "wx", mode);
  try {
    for (let plek = 0; plek < data.byteLength; plek += BLOK)
      await handle.write(data, plek, Math.min(BLOK, data.byteLength - plek));
    await handle.chmod(mode); // the umask may have narrowed the mode `open` was given
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncMap(map: string): Promise<void> {
  const handle = await fs.open(map, "r").catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot sync a folder; the file itself is on disk already.
  } finally {
    await handle.close();
  }
}

/**
 * Why writing or replacing `bestand` failed, in Dutch (the system's code and text kept for IT). On Windows a file
 * open in Excel cannot be replaced: the rename fails with EPERM, EACCES or EBUSY.
 */
export function schrijfFoutTekst(e: unknown, bestand: string): string {
  const f = e as NodeJS.ErrnoException;
  const code = typeof f?.code === "string" ? f.code : undefined;
  const detail = `(${code ?? "fout"}: ${f instanceof Error ? f.message : String(e)})`;
  switch (code) {
    case "EPERM":
    case "EACCES":
    case "EBUSY":
      return `${bestand} kon niet worden vervangen: het is in gebruik of beveiligd (staat het open in Excel? Sluit het en probeer het opnieuw) ${detail}.`;
    case "ENOSPC":
    case "EDQUOT":
      return `Er is geen ruimte meer op de schijf van ${path.dirname(bestand)} (schijf of quotum vol) ${detail}.`;
    case "EROFS":
      return `${path.dirname(bestand)} staat op een schijf waarop niet geschreven mag worden ${detail}.`;
    default:
      return `Kan ${bestand} niet schrijven ${detail}.`;
  }
}

/**
 * Write `data` to `bestand` as described above; throws SchrijfFout with a Dutch message when refused or failed.
 * `modus`: the file's permission bits whatever they were (a private key: 0o600); else the original's are kept.
 */
export async function schrijfVeilig(
  bestand: string,
  data: Uint8Array,
  { modus }: { readonly modus?: number } = {},
): Promise<void> {
  const reden = await waaromNietSchrijfbaar(bestand);
  if (reden) throw new SchrijfFout(reden);
  const doel = await echtDoel(bestand);
  const bestaand = await fs.stat(doel).catch(() => undefined);
  const mode = modus ?? (bestaand ? bestaand.mode & 0o7777 : 0o666 & ~process.umask());
  const map = path.dirname(doel);
  const tijdelijk = path.join(map, `.${path.basename(doel)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  zetSignalen();
  lopend.add(tijdelijk);
  try {
    await schrijfEnSync(tijdelijk, data, mode);
    await fs.rename(tijdelijk, doel);
    await syncMap(map);
  } catch (e) {
    await fs.rm(tijdelijk, { force: true });
    throw e instanceof SchrijfFout ? e : new SchrijfFout(schrijfFoutTekst(e, bestand));
  } finally {
    lopend.delete(tijdelijk);
  }
}
