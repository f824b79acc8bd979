/**
 * Known English messages of the libraries that read a file (fflate, jszip and exceljs, the browser) in Dutch: the reader
 * (./lezen) quotes them in its findings, the task pane in its messages. Pure text, no host.
 */

/** English messages of the libraries Opgave uses (jszip and exceljs reading a file, the browser), in Dutch. */
const BIBLIOTHEEK: readonly (readonly [RegExp, string])[] = [
  [
    /Can'?t find end of central directory|is this a zip file|invalid zip data/i,
    "het bestand is geen geldig Excel-werkboek: geen zip-archief, of beschadigd",
  ],
  [
    /End of data reached|Corrupted zip|Invalid (?:local file header|central directory)|Unexpected end of/i,
    "het bestand is geen geldig Excel-werkboek: onvolledig of beschadigd",
  ],
  [/Encrypted zip|password/i, "het werkboek is met een wachtwoord beveiligd; sla het zonder wachtwoord op"],
  [
    /Bad compressed size|invalid (?:stored block lengths|distance|code|block type|length\/literal)|incorrect header check|unexpected EOF|unknown compression type/i,
    "het bestand is beschadigd",
  ],
  [
    // The XML parser exceljs uses (saxes), on a part that is no well-formed XML: "2:2565: unmatched closing tag".
    /^\d+:\d+: |unmatched closing tag|unexpected close tag|unclosed tag|text data outside of root node|disallowed character|document must contain a root element/i,
    "een onderdeel van het werkboek is geen geldige XML (het bestand is beschadigd)",
  ],
  [
    // exceljs on an element it does not model (where ./exceljsReparaties does not read past it).
    /Unexpected xml node in parse(?:Open|Close)/i,
    "het werkboek bevat een onderdeel dat Opgave niet kan lezen",
  ],
  [
    /Cannot read propert(?:y|ies) of (?:undefined|null)|\w+ is not a function|\w+ is undefined/i,
    "het werkboek heeft een indeling die niet gelezen kan worden",
  ],
  [/Failed to fetch|NetworkError|Load failed/i, "geen verbinding"],
  [/out of memory|Array buffer allocation failed/i, "het bestand is te groot om in het taakvenster te lezen"],
];

/** The Dutch text of a known library message, or undefined. */
export function vertaalBibliotheekFout(engels: string): string | undefined {
  return BIBLIOTHEEK.find(([patroon]) => patroon.test(engels))?.[1];
}

/** Said for a library message that is not known: no English reaches the user. */
const ONBEKENDE_BIBLIOTHEEKFOUT = "het bestand is beschadigd of heeft een indeling die Opgave niet kan lezen";

/** A library's message on reading a file, always in Dutch: the known ones translated, any other in general words. */
export function bibliotheekFoutTekst(engels: string): string {
  return vertaalBibliotheekFout(engels) ?? ONBEKENDE_BIBLIOTHEEKFOUT;
}
