/**
 * Office.js errors in Dutch: what happened and what to do. Excel rejects a batch with an `OfficeExtension.Error`
 * (name "RichApi.Error") whose `code` is one of `OfficeExtension.ErrorCodes` / `Excel.ErrorCodes`; its message is
 * English (or in Office's language) and means nothing to a municipality's clerk. The table below says it in Dutch,
 * with the step that helps. Pure text, no host: the pane (../taskpane/excelHost) uses it for a failed fill/refill,
 * the fake Excel of the tests throws the same codes.
 *
 * Batches are not transactions: when writing stopped halfway, part of the workbook may be written. A refill is
 * safe to repeat (it keeps what the user typed), so the message says so (`fase` "schrijven").
 */
import { OpgaveFout } from "../domain/fouten";

/** Where the fill was when Excel refused: reading the workbook (nothing written yet) or writing it. */
export type OfficeFase = "lezen" | "schrijven";

const OPNIEUW = "probeer het daarna opnieuw";

/** The Dutch text per error code (Excel.ErrorCodes, OfficeExtension.ErrorCodes and the documented others). */
const OFFICE_FOUTEN: Readonly<Record<string, string>> = {
  InvalidOperationInCellEditMode:
    "Excel is bezig met het bewerken van een cel: druk op Enter of Esc en probeer het opnieuw",
  AccessDenied:
    "Het blad is beveiligd (of de werkmap is alleen-lezen): hef de beveiliging op (Controleren > Blad opheffen, " +
    "en bij een beveiligde werkmapstructuur Controleren > Werkmap beveiligen) of kies een ander werkboek",
  ItemNotFound:
    "Excel kon een blad, tabel of naam niet (meer) vinden, bijvoorbeeld omdat die net is verwijderd of hernoemd: " +
    OPNIEUW,
  ItemAlreadyExists:
    "Een blad, tabel of naam die Opgave wil maken, bestaat al in deze werkmap: geef die van u een andere naam " +
    "(Formules > Namenbeheer) en probeer het opnieuw",
  RequestPayloadSizeLimitExceeded:
    "Te veel gegevens in één keer voor Excel op het web (meer dan 5 MB per verzoek): probeer het opnieuw; lukt " +
    "het niet, vul het werkboek dan in Excel voor Windows of Mac, of download het als .xlsx",
  ResponsePayloadSizeLimitExceeded:
    "Het werkboek gaf te veel gegevens in één keer terug aan Excel op het web (meer dan 5 MB): haal grote " +
    "hoeveelheden eigen gegevens weg van de bladen van Opgave, of vul het werkboek in Excel voor Windows of Mac",
  RangeExceedsLimit:
    "Een bereik is te groot voor Excel (meer dan 5 miljoen cellen): verwijst een naam van Opgave naar een hele " +
    "kolom? Zet die terug op één cel (Formules > Namenbeheer) en probeer het opnieuw",
  InvalidArgument:
    "Excel weigerde een waarde, adres of naam die Opgave schreef: probeer het in een nieuw, leeg werkboek; gaat " +
    "het daar goed, dan zit er in dit werkboek iets wat Opgave niet verwacht. Meld het anders met de stappen die u deed",
  InvalidReference:
    "Een verwijzing klopt niet (meer), bijvoorbeeld naar een verwijderd blad: controleer de namen (Formules > " +
    "Namenbeheer) en probeer het opnieuw",
  InvalidOperation:
    "Excel kon deze bewerking nu niet uitvoeren; vaak zit er iets in de weg (samengevoegde cellen, een filter, " +
    "een draaitabel of een matrixformule op de bladen van Opgave): haal dat weg en probeer het opnieuw",
  MergedRangeConflict:
    "Samengevoegde cellen zitten in de weg: maak ze op de bladen van Opgave weer los (Samenvoegen en centreren) " +
    "en probeer het opnieuw",
  FilteredRangeConflict:
    "Een filter zit in de weg: wis de filters op de bladen van Opgave en probeer het opnieuw",
  PivotTableRangeConflict:
    "Een draaitabel zit in de weg: verplaats de draaitabel weg van de bladen van Opgave en probeer het opnieuw",
  InsertDeleteConflict:
    "Excel kon geen cellen invoegen of verwijderen omdat er iets in de weg zit (een tabel, draaitabel of " +
    "samengevoegde cellen): haal dat weg en probeer het opnieuw",
  NonBlankCellOffSheet:
    "Excel kon geen cellen invoegen: er staat iets helemaal onderaan of rechts op het blad: maak dat leeg en " +
    "probeer het opnieuw",
  ActivityLimitReached: "Excel is druk bezig (te veel verzoeken tegelijk): wacht even en probeer het opnieuw",
  RequestAborted: "Excel heeft het verzoek afgebroken: wacht even en probeer het opnieuw",
  Conflict: "Iemand anders bewerkt tegelijk dit deel van de werkmap: wacht even en probeer het opnieuw",
  ServiceNotAvailable:
    "Excel (de dienst op het web) is even niet bereikbaar: wacht even en probeer het opnieuw",
  MemoryLimitReached:
    "Excel heeft niet genoeg geheugen: sluit andere werkmappen, sla deze op, open hem opnieuw en " + OPNIEUW,
  GeneralException:
    "Excel meldde een algemene fout: sla de werkmap op, sluit en open hem opnieuw, en probeer het nog eens",
  ApiNotFound:
    "Deze Excel-versie kent een onderdeel niet dat Opgave nodig heeft: werk Excel bij (Bestand > Account > " +
    "Bijwerkopties) of gebruik Excel op het web",
  NotImplemented:
    "Deze Excel-versie ondersteunt een onderdeel niet dat Opgave nodig heeft: werk Excel bij of gebruik Excel op het web",
  UnsupportedOperation:
    "Excel ondersteunt deze bewerking hier niet (bijvoorbeeld in een gedeelde of alleen-lezen werkmap): open de " +
    "werkmap om te bewerken en probeer het opnieuw",
  UnsupportedSheet:
    "Een blad van Opgave is een grafiekblad of macroblad: geef dat blad een andere naam en probeer het opnieuw",
  UnsupportedFeature:
    "De werkmap bevat iets wat Excel hier niet ondersteunt: open hem in Excel voor Windows of Mac en probeer het daar",
  Unauthenticated: "Excel kon u niet aanmelden: meld u opnieuw aan bij Microsoft 365 en probeer het opnieuw",
  InvalidRequest: "Excel kon het verzoek niet verwerken: " + OPNIEUW,
};

/** Codes are PascalCase words ("ItemNotFound"): never Node's "ENOENT" nor a DOMException's number. */
const CODE = /^[A-Z][a-z]+(?:[A-Z][a-z0-9]*)*$/;

/**
 * The error code of an Office.js error (an `OfficeExtension.Error`, or anything shaped like one: a string `code`
 * in PascalCase, and the name "RichApi.Error" or `debugInfo`), else undefined.
 */
export function officeFoutCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null || e instanceof OpgaveFout) return undefined;
  const f = e as { code?: unknown; name?: unknown; debugInfo?: unknown };
  if (typeof f.code !== "string" || !CODE.test(f.code)) return undefined;
  return f.name === "RichApi.Error" || typeof f.debugInfo === "object" ? f.code : undefined;
}

/** What happened and what to do, in Dutch, for an Office.js error code (an unknown code is named). */
export function officeFoutTekst(code: string): string {
  return (
    OFFICE_FOUTEN[code] ??
    `Excel meldde een onbekende fout (code ${code}): probeer het opnieuw; blijft het misgaan, meld dan deze code`
  );
}

/** The sentence about the workbook's state after the error. */
function gevolg(fase: OfficeFase | undefined): string {
  if (fase === "lezen") return "Uw werkboek is niet gewijzigd.";
  if (fase === "schrijven")
    return (
      "Het vullen is halverwege gestopt: een deel van het werkboek kan al zijn bijgewerkt. Opnieuw vullen maakt " +
      "het af en laat uw invoer staan."
    );
  return "";
}

/** The whole message for the pane: the Dutch text of the code and, when known, what it means for the workbook. */
export function officeFoutBericht(code: string, fase?: OfficeFase): string {
  const zin = officeFoutTekst(code);
  return [`${zin.charAt(0).toUpperCase()}${zin.slice(1)}.`, gevolg(fase)].filter(Boolean).join(" ");
}

/**
 * An Office.js error as an `OpgaveFout` with its Dutch message (the pane shows an OpgaveFout's message as it is),
 * or the error itself when it is not an Office.js error.
 */
export function vertaalOfficeFout(e: unknown, fase?: OfficeFase): unknown {
  const code = officeFoutCode(e);
  return code === undefined ? e : new OpgaveFout("nietBeschikbaar", officeFoutBericht(code, fase));
}
